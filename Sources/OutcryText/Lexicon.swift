/// Complaint, sentiment and escalation terms, written for Outcry (zh-Hans and English).
///
/// Traditional Chinese and full-width text reach these through ``Normalizer``, so each term is
/// written once, in Simplified form. Weights are log-odds-like: a complaint term is stronger
/// evidence than a merely negative one. Longer entries win over terms they contain, so a
/// neutral phrase (`差不多`) can shadow a negative character inside it (`差`).
public struct Lexicon: Sendable {
    public enum Category: String, Sendable, Hashable {
        /// A grievance with a seller or service (`退货`, `refund`).
        case complaint
        /// Negative feeling without a grievance (`失望`, `awful`).
        case negative
        case positive
        /// The customer is taking it public or legal (`曝光`, `12315`, `lawyer`).
        case escalation
        /// Flips the polarity of a sentiment term that follows closely (`不`, `not`).
        case negator
        /// Matches and shadows terms inside it, contributing nothing (`差不多`).
        case neutral
        /// Turns the text: what follows outweighs what came before (`但是`, `but`) — "好看，但是
        ///质量太差" is a complaint.
        case contrast
        /// Deal, sale and launch talk (`秒杀`, `包邮`, `on sale`): no sentiment of its own, but a
        /// surge of it is marketing working, not an outcry (``Analysis/promotion``).
        case promotion
    }

    public struct Entry: Sendable, Hashable {
        public var term: String
        public var category: Category
        public var weight: Double
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The lexicon Outcry ships.
    public static let standard: Lexicon = {
        var e: [Entry] = []
        func add(_ c: Category, _ w: Double, _ terms: String) {
            for t in terms.split(separator: " ") { e.append(Entry(term: String(t).replacingOccurrences(of: "_", with: " "), category: c, weight: w)) }
        }
        add(.complaint, 2.0, "投诉 退货 退款 不退 拒绝退 拒退 不给退 不予退 退不了 以次充好 货不对板 调包 掉包 假货 山寨 欺诈 欺骗 骗子 骗人 被骗 无赖 耍赖 流氓 黑店 坑人 坑爹 霸王条款 踢皮球 推诿 敷衍 态度恶劣 态度差 不负责 不作为 投诉无门 赔偿 赔钱 退一赔三 假一赔三 三包 质量问题 非质量问题 发错货 发错 货不对 不是我买的 差评 给差评 维权 上当")
        add(.complaint, 2.0, "refund return_it returned scam scammed fraud fake counterfeit complaint complain wrong_item wrong_product bait_and_switch customer_service refused refuses rip_off ripoff ripped_off cheated misleading stopped_working doesn't_work does_not_work didn't_work won't_work defective faulty returning_it sent_it_back send_it_back fell_apart waste_of_money not_worth poor_quality cheaply_made")
        // Product reviews: what buyers write when an item fails them.
        add(.complaint, 2.0, "do_not_buy don't_buy dont_buy not_as_described not_as_advertised dead_on_arrival arrived_broken arrived_damaged broke_after stopped_charging won't_charge never_arrived never_received missing_parts doesn't_fit does_not_fit poorly_made cheap_plastic one_star zero_stars")
        add(.negative, 1.0, "unusable uncomfortable inaccurate overheats overheating laggy buggy glitchy leaks leaking came_apart fell_off too_small too_big")
        // Services (travel, delivery, telecom, banking): the grievances English posts voice where
        // Chinese ones say 赔偿, 踢皮球, 敷衍 — compensation, a runaround, something of theirs
        // damaged or lost, money taken twice.
        add(.complaint, 2.0, "compensation overcharged double_charged charged_twice runaround brushed_off never_responded never_replied no_response damaged_my broke_my destroyed_my ruined_my lost_my_luggage lost_my_bag cancelled_my canceled_my stranded")
        add(.negative, 1.0, "disgraceful shameful appalling outrageous insulting pathetic incompetent disgusting denied")
        // An app or site that stops working is a grievance with the service, in either language.
        add(.complaint, 2.0, "outage app_is_down app_down site_is_down website_is_down can't_log_in cannot_log_in can't_login cant_log_in unable_to_log_in not_working isn't_working keeps_crashing won't_load won't_open")
        add(.complaint, 2.0, "崩了 打不开 闪退 登录不了 登不上 无法登录 宕机")
        // Money taken from an account that was broken into: 黑猫投诉's commonest fintech grievance.
        add(.complaint, 2.0, "盗刷 被盗刷 被盗 盗号 账号被盗 账户被盗 unauthorized_charge unauthorized_charges fraudulent_charge fraudulent_charges account_was_hacked account_hacked")
        // Food delivery: the grievances and the praise of 外卖 reviews (words that are as common
        // elsewhere — 头发, 冷了, 卫生(间), 超时(空) — left out: they would misread ordinary posts).
        add(.complaint, 2.0, "送错 少送 漏送 送餐慢 配送慢 迟迟不送 不送餐 催单 异物 吃坏 拉肚子 变质 馊了")
        add(.negative, 1.0, "难吃 不好吃 凉了 洒了 夹生 太咸 太油 太淡 太少 量少 分量少 没法吃 不新鲜 不熟 送餐超时 配送超时 踩雷 一般般")
        add(.positive, 1.0, "好吃 很好吃 美味 可口 准时 准点 热乎 新鲜 干净 分量足 量大 量足 热情 周到 用心 好评如潮 回购")
        // Products and stays: the defects and grievances of appliance, electronics, book, food
        // and hotel reviews.
        add(.complaint, 2.0, "再也不买 再也不来 不会再买 不会再来 不会再住 退钱 盗版 翻新机 过期 快过期 胀袋 漏发 少发 缺件 虚假宣传 乱收费 不发货")
        add(.negative, 1.0, "脏 很脏 太脏 噪音大 噪音很大 不适合 很一般 太一般 麻烦 发热 吵 太吵 很吵 隔音差 异味 怪味 霉味 发霉 难闻 笨重 很慢 卡顿 死机 蓝屏 黑屏 故障 失灵 坏点 划痕 漏水 不方便 太偏 难找 丑 太丑 气愤 糊弄 失眠 错别字")
        add(.positive, 1.0, "流畅 清晰 精彩 好看 宽敞 舒适 安静 方便 很专业 耐用 正品 性价比高 物超所值 好喝 快乐")
        // Taiwan usage, written in the Simplified form normalization gives it (客訴 → 客诉): the
        // complaint and refund words, Taiwan's consumer-protection offices, and review slang.
        add(.complaint, 2.0, "客诉 申诉 退费 不退费")
        add(.escalation, 2.5, "消保官 消基会 消保处 爆料")
        add(.negative, 1.0, "傻眼 很雷 超雷 好扯 很扯 烂透 超烂 超差")
        add(.positive, 1.0, "超赞 很赞 大推 推爆")
        add(.escalation, 2.5, "曝光 求扩散 扩散 转发扩散 维权 12315 消协 消费者协会 工商 律师 起诉 法院 媒体 记者 315 热搜 上热搜 微博见 让大家评评理 公开 报警")
        add(.escalation, 2.5, "chargeback lawyer sue suing bbb never_again going_public attorney small_claims")
        // A call to boycott is taking it public. (English share requests — "please share", "spread
        // the word" — are left out: brands ask for shares too, unlike 求扩散.)
        add(.escalation, 2.5, "boycott boycotting")
        add(.negative, 1.0, "差 烂 糟糕 失望 太失望 很失望 生气 愤怒 气死 恶心 垃圾 后悔 不满 难用 坑 骗 坏了 破了 太差 很差 真差 无语 呵呵 心累 崩溃 离谱 过分 吐槽 不爽 郁闷 伤心 难受 差劲 不行 没用 劣质 粗糙 慢死 太慢 不值 贵 [怒] [抓狂] [衰] [泪] [生病] [鄙视] [哼] [失望] [悲伤] [怒骂] [弱] 😡 😠 🤬 😤 👎 💢")
        add(.negative, 1.0, "bad worst terrible awful horrible disappointed disappointing angry hate broken useless poor sucks annoyed annoying ridiculous waste never slow rude unacceptable furious broke junk flimsy garbage worthless mediocre overpriced")
        add(.positive, 1.0, "好 好评 满意 很满意 喜欢 不错 推荐 好用 很好 非常好 给力 赞 点赞 值得 开心 划算 实惠 漂亮 舒服 快 很快 物美价廉 支持 谢谢 感谢 完美 惊喜 超值 [哈哈] [爱你] [心] [赞] [good] [鼓掌] [嘻嘻] [威武] [给力] 👍 😊 ❤️ 😄")
        add(.positive, 1.0, "good great love loved excellent happy recommend perfect awesome amazing nice best thanks thank fast fantastic")
        add(.negator, 0, "不 没 没有 不是 并非 别 毫不 从不 not no never don't dont isn't wasn't didn't doesn't cannot can't")
        add(.neutral, 0, "差不多 好不好 好像 不好意思 不客气 没问题 不用 no_problem 不但 但愿")
        // Words that contain a sentiment character without its sense: 出差 (a business trip), 宝贵
        // (valuable), 快递 (a courier), 只好 (had to).
        add(.neutral, 0, "出差 差距 差价 差别 差异 相差 时差 偏差 误差 差额 差旅 差不了 只好 正好 刚好 好多 好几 好些 好久 好奇 爱好 好处 好在 宝贵 贵宾 富贵 珍贵 尊贵 贵州 贵阳 快递 尽快 赶快 快要 麻烦你 麻烦您 心脏 内脏 脏器")
        add(.contrast, 0, "但是 但 可是 不过 然而 可惜 but however")
        add(.positive, 1.0, "再好不过")
        // Sales, coupons, launches and restocks, in the words shoppers post them with. (Not 降价:
        // "刚买就降价" is a grievance; not 红包: "5元红包打发我" is compensation scorned.)
        add(.promotion, 0, "便宜 优惠 打折 折扣 秒杀 抢购 抢到 包邮 免运费 免配送费 优惠券 代金券 消费券 满减 促销 大促 特价 好价 白菜价 福利 抽奖 补货 上新 新品 首发 预售 开售 开抢 直播间 砍价 拼单 团购 618 双11 双十一")
        add(.promotion, 0, "sale on_sale flash_sale deal deals discount discounted coupon coupons promo promo_code free_shipping giveaway black_friday cyber_monday prime_day preorder pre-order restock restocked new_release launch launched")
        return Lexicon(entries: e)
    }()
}
