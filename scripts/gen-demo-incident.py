#!/usr/bin/env python3
"""Generate Outcry's bundled demo incident: feeds/demo/*.

A reconstruction (not a copy of real posts) of the March 2018 "Comfort U" case: a JD.com
marketplace shop sold a 1,400-yuan "Comfort U" lumbar pillow and shipped a ~200-yuan "Contour U";
shop support refused the return ("非质量问题不退货"); the platform forced a refund but ignored the
buyer's demand; the writer 六六 posted 《无赖京东》 on Weibo and it went viral.

Everything is deterministic (fixed seed, no clock, no network): running it twice gives byte-identical
files. Usage:  python3 scripts/gen-demo-incident.py [OUT_DIR]   (default feeds/demo)

Outputs
  posts.jsonl        Post JSONL (DESIGN.md), created_at order, 2018-03-01 .. 2018-03-18 (+08:00)
  tickets.jsonl      Ticket JSONL, created_at order; one origin chain (shop ticket -> platform complaint)
  news.rss.xml       RSS 2.0 from a consumer-news site (a fetched source in the demo)
  newsroom.atom.xml  Atom 1.0 from JD's newsroom, including the official response
  truth.json         ground truth for tests: topic, surge start, origin chain, hard negatives

Shape of the data
  * quiet baseline with a daily rhythm for four shopping platforms plus unrelated chatter;
    a legitimate promotion burst on 03-08 (女神节) that is loud but not a complaint surge
  * the buyer's own small complaint posts on 03-10 and 03-12 (few followers: not a surge)
  * the influencer post 2018-03-14 09:47 by 六六 (12.6 M followers), then reposts and comments
    growing into the surge, with Traditional-Chinese and English reposts
  * JD's official response on 03-15 14:20 (post + newsroom entry), then decay to baseline
"""
import json
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))
START = datetime(2018, 3, 1, 0, 0, tzinfo=TZ)
END = datetime(2018, 3, 19, 0, 0, tzinfo=TZ)
INFLUENCER_AT = datetime(2018, 3, 14, 9, 47, 12, tzinfo=TZ)
RESPONSE_AT = datetime(2018, 3, 15, 14, 20, 0, tzinfo=TZ)

rng = random.Random(20180314)

# Relative posting rate by local hour (Weibo-like daily rhythm).
RHYTHM = [0.35, 0.22, 0.14, 0.10, 0.09, 0.14, 0.30, 0.60, 0.90, 1.10, 1.20, 1.20,
          1.30, 1.20, 1.10, 1.10, 1.10, 1.20, 1.30, 1.50, 1.65, 1.55, 1.15, 0.65]


def iso(dt):
    return dt.isoformat(timespec="seconds")


def poisson_times(rate_per_hour, start, end, boost=lambda t: 1.0):
    """Event times of an inhomogeneous Poisson process (thinning)."""
    peak = rate_per_hour * max(RHYTHM) * 3.0
    t = start
    out = []
    while True:
        t = t + timedelta(hours=rng.expovariate(peak))
        if t >= end:
            return out
        lam = rate_per_hour * RHYTHM[t.hour] * boost(t)
        if rng.random() < lam / peak:
            out.append(t)


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
NICK_A = ["小", "大", "阿", "老", "爱吃", "不想", "今天也", "快乐的", "认真的", "路过的", "一只", "打工人", "佛系", "熬夜"]
NICK_B = ["猫", "鱼", "土豆", "橙子", "熊", "兔子", "咸鱼", "柠檬", "包子", "汤圆", "星星", "小鹿", "饼干", "考拉", "松鼠"]


def handle():
    r = rng.random()
    if r < 0.4:
        return rng.choice(NICK_A) + rng.choice(NICK_B) + str(rng.randint(10, 9999))
    if r < 0.7:
        return "用户" + str(rng.randint(1000000000, 7999999999))
    if r < 0.85:
        return rng.choice(SURNAMES) + rng.choice(["先生", "女士", "同学", "老师", "小姐姐"]) + str(rng.randint(1, 999))
    return rng.choice(["lily", "tom", "momo", "kiki", "yoyo", "coco", "sunny", "leo", "max", "ivy"]) + "_" + str(rng.randint(10, 99999))


def followers():
    return int(min(2_000_000, math.exp(rng.gauss(5.6, 1.6))))


# --- baseline content ---------------------------------------------------------------------

PRODUCTS = ["手机", "耳机", "电饭煲", "洗衣液", "纸巾", "牛奶", "运动鞋", "羽绒服", "台灯", "扫地机器人",
            "空气炸锅", "猫粮", "奶粉", "护肤品", "键盘", "显示器", "行李箱", "保温杯", "床单", "电动牙刷"]

JD_POS = ["京东的快递是真的快，{p}昨晚下单今天早上就到了", "京东物流小哥太敬业了，下雨天还送货上门，点赞",
          "在京东买的{p}收到了，质量不错，好评", "京东自营的{p}比线下便宜不少，划算", "京东618预售开始了吗？想囤点{p}",
          "京东PLUS会员的免运费券真好用", "刚在京东抢到了便宜的{p}，开心", "京东客服态度很好，问题很快就解决了，谢谢",
          "JD delivery is ridiculously fast, ordered a {pe} last night and it's here", "京东的{p}正品有保障，一直在京东买"]
JD_NEU = ["京东的{p}和天猫哪个便宜？求推荐", "有人用过京东白条吗？分期划算不", "京东今天是不是有{p}的秒杀",
          "京东到家和美团哪个快？", "京东的{p}到底是不是自营的，怎么看", "今天京东APP打不开了吗", "京东和苏宁买{p}有什么区别",
          "京东的价保怎么申请？{p}降价了", "关注一下京东的年报", "JD.com quarterly results out today"]
JD_NEG = ["京东的快递今天怎么这么慢，{p}等了三天还没到", "京东买的{p}屏幕有坏点，申请换货中", "京东客服电话一直打不通，有点无语",
          "在京东买的{p}包装破了，还好东西没坏", "京东的退款怎么这么慢，都一周了", "京东的{p}又涨价了，不值"]

TB = ["淘宝买的{p}到了，颜色和图片一样，好评", "天猫的{p}活动力度好大", "淘宝直播间买了{p}，有点后悔",
      "双十一在天猫囤的{p}终于用完了", "淘宝卖家发错货了，{p}换货中", "淘宝的{p}便宜是便宜但质量一般",
      "天猫超市的{p}送货挺快", "Taobao seller sent the wrong size again", "淘宝客服回复好慢", "在淘宝找到一家很好的{p}店"]
PDD = ["拼多多砍一刀真的砍不完", "拼多多买的{p}居然还不错", "拼多多百亿补贴的{p}是正品吗？", "拼多多的{p}质量一般般，便宜就是了",
       "拼多多上的水果挺新鲜", "Pinduoduo is everywhere on my feed lately"]
SUNING = ["苏宁易购的{p}比京东便宜五十", "苏宁的送货师傅很专业", "苏宁易购买的{p}安装很快", "苏宁门店的{p}体验区不错"]
CHATTER = ["今天天气真好，出去走走", "加班到十点，好累", "周末去看了电影，推荐", "新学期开始了，加油", "晚饭吃了火锅，太满足了",
           "地铁上人好多", "终于把书看完了", "有人一起跑步吗", "明天要早起开会", "这首歌单曲循环一天了", "小区门口的樱花开了",
           "Just finished a 10k run, feeling great", "Anyone else watching the game tonight?", "Coffee first, then email",
           "今天的晚霞好美", "猫主子又把杯子打翻了", "两会新闻看了一上午", "春天来了，想去旅行"]
WOMENS_DAY = ["京东女神节{p}五折，已下单", "京东38节活动好多券，冲", "女神节京东买了{p}送妈妈", "京东女神节的满减太香了",
              "京东38大促抢到{p}了，开心"]

PRODUCT_EN = ["phone", "pair of headphones", "rice cooker", "keyboard", "monitor", "suitcase", "thermos"]


def fill(template):
    return template.replace("{p}", rng.choice(PRODUCTS)).replace("{pe}", rng.choice(PRODUCT_EN))


posts = []


def add_post(t, author, text, fol, source="weibo", lang="zh", reposts=None, comments=None, likes=None, url=None):
    posts.append({"t": t, "author": author, "text": text, "followers": fol, "source": source, "lang": lang,
                  "reposts": reposts, "comments": comments, "likes": likes, "url": url})


def womens_day_boost(t):
    return 2.5 if (t.month == 3 and t.day == 8 and 18 <= t.hour <= 23) else 1.0


def baseline(rate, pos, neu, neg, mix, boost=lambda t: 1.0, extra=None):
    for t in poisson_times(rate, START, END, boost):
        if extra and boost(t) > 1.0 and rng.random() < 0.6:
            text = fill(rng.choice(extra))
        else:
            r = rng.random()
            bank = pos if r < mix[0] else (neu if r < mix[0] + mix[1] else neg)
            text = fill(rng.choice(bank))
        lang = "en" if text[:1].isascii() else "zh"
        add_post(t, handle(), text, followers(), lang=lang, likes=rng.randint(0, 30))


baseline(7.0, JD_POS, JD_NEU, JD_NEG, (0.45, 0.35), womens_day_boost, WOMENS_DAY)
baseline(4.0, TB, TB, TB, (1.0, 0.0))
baseline(1.6, PDD, PDD, PDD, (1.0, 0.0))
baseline(1.0, SUNING, SUNING, SUNING, (1.0, 0.0))
baseline(2.2, CHATTER, CHATTER, CHATTER, (1.0, 0.0))

# Official accounts: promotional posts with large audiences (never complaints).
for day in range(18):
    t = START + timedelta(days=day, hours=10, minutes=rng.randint(0, 50))
    add_post(t, "京东", rng.choice(["京东女神节狂欢，爆款好物低至五折", "京东春季家电节，以旧换新至高补贴",
                                    "京东物流：全国300城实现次日达", "京东PLUS会员日，好物等你来"]), 18_600_000, likes=rng.randint(200, 2000))
    if day % 2 == 0:
        t2 = START + timedelta(days=day, hours=16, minutes=rng.randint(0, 50))
        add_post(t2, "京东客服", "亲，遇到订单问题请私信我们订单号，京东客服24小时在线为您服务", 3_100_000, likes=rng.randint(20, 200))
    if day % 3 == 1:
        t3 = START + timedelta(days=day, hours=20, minutes=rng.randint(0, 50))
        add_post(t3, "数码博主大飞", "京东首发的新款{p}上手体验，做工满分，推荐".replace("{p}", rng.choice(PRODUCTS)), 2_400_000,
                 likes=rng.randint(500, 5000))

# --- the incident ---------------------------------------------------------------------------

SHOP = "舒眠家居专营店"
ORDER = "72350468123"
BUYER = "陈女士"
add_post(datetime(2018, 3, 10, 21, 14, 5, tzinfo=TZ), "一颗小橙子5212",
         f"在京东{SHOP}买的 Comfort U 护腰枕，1400多块，收到的是 Contour U，明显不是一个东西。商家说非质量问题不退货，平台给退了款就不管了，太无语了",
         287, comments=3)
add_post(datetime(2018, 3, 12, 13, 2, 40, tzinfo=TZ), "一颗小橙子5212",
         "继续吐槽：京东投诉了也没用，我要的是一个说法，不是退款。货不对板还有理了？",
         287, comments=5)

INFLUENCER_TEXT = ("【无赖京东】我朋友在京东买了个 Comfort U 腰枕，1400元，收到的是 Contour U，两百块的东西。"
                   f"找{SHOP}，客服一句“非质量问题不退货”；投诉到京东，平台给退了款，可没人回答为什么以次充好。"
                   "这不是钱的事，是欺诈。京东，你们就这么对待消费者？求扩散 #无赖京东#")
add_post(INFLUENCER_AT, "六六", INFLUENCER_TEXT, 12_600_000, reposts=51_203, comments=40_488, likes=212_000,
         url="https://weibo.com/liuliu/4218")

REPOST_COMMENTS = ["转发微博", "支持六六！", "京东太过分了", "这就是以次充好", "我也遇到过类似的事情，京东客服就是踢皮球",
                   "求扩散，让更多人看到", "非质量问题不退货？货不对板也叫非质量问题？", "京东必须给个说法", "无赖京东，以后不在京东买了",
                   "第三方商家真的要小心", "这家店必须查", "12315投诉走起", "建议找律师", "买东西还要斗智斗勇，心累",
                   "京东的平台责任呢？", "卸载京东了", "Comfort U 和 Contour U 差了七倍价格", "我就在这家店买过，是不是也被坑了",
                   "京东会员也不续了", "媒体应该关注一下", "京东客服：亲，我们会核实的（然后就没有然后了）", "同样的遭遇，退货被拒"]
TRAD = ["京東這次真的太無賴了，非質量問題不退貨？", "貨不對板還不退，京東平台責任在哪裡", "轉發，支持六六，京東給個說法",
        "台灣也看到了，京東的第三方賣家要小心", "京東客服只會推託，太失望了"]
ENGLISH = ["Chinese writer Liu Liu says JD.com shipped a 200-yuan 'Contour U' pillow instead of the 1,400-yuan 'Comfort U' and refused the return. #JD",
           "JD.com marketplace seller refused a refund for a fake pillow; the platform just refunded and moved on. Never again.",
           "Viral Weibo post accuses JD of letting a shop swap Comfort U for a cheap Contour U",
           "This JD.com story is a customer service disaster. Refund is not an answer to fraud.",
           "Reading about #无赖京东 — JD needs to answer, not just refund"]
MID_INFLUENCERS = [("法律人老周", 860_000), ("消费观察", 1_350_000), ("财经小魔女", 640_000), ("科技圈那些事", 420_000),
                   ("吃瓜前线", 2_900_000), ("Beijing Consumer Watch", 310_000)]


def surge_rate(t):
    """Reposts+comments per hour after the influencer post: rise, plateau, response, decay."""
    h = (t - INFLUENCER_AT).total_seconds() / 3600
    if h < 0:
        return 0
    rise = 300 * (1 - math.exp(-h / 1.5))
    decay = math.exp(-max(0, h - 20) / 16)
    after_response = 0.55 if t >= RESPONSE_AT else 1.0
    return rise * decay * after_response * (0.35 + 0.65 * RHYTHM[t.hour] / 1.2)


LMAX = 700.0   # thinning bound (posts/hour), above surge_rate everywhere
t = INFLUENCER_AT
while True:
    t = t + timedelta(hours=rng.expovariate(LMAX))
    if t >= END:
        break
    if rng.random() >= surge_rate(t) / LMAX:
        continue
    r = rng.random()
    if r < 0.08:
        text = rng.choice(TRAD)
        lang = "zh-Hant"
    elif r < 0.14:
        text = rng.choice(ENGLISH)
        lang = "en"
    elif r < 0.55:
        text = rng.choice(REPOST_COMMENTS) + " //@六六:【无赖京东】我朋友在京东买了个 Comfort U 腰枕，收到的是 Contour U……"
        lang = "zh"
    else:
        text = rng.choice(REPOST_COMMENTS)
        if "京东" not in text and "京東" not in text:
            text = text + " #无赖京东#"
        lang = "zh"
    add_post(t, handle(), text, followers(), lang=lang, likes=rng.randint(0, 200))

for i, (name, fol) in enumerate(MID_INFLUENCERS):
    at = INFLUENCER_AT + timedelta(minutes=35 + 47 * i)
    text = ("Reposting: JD.com seller swapped a 1,400-yuan Comfort U pillow for a Contour U and refused the return. #JD"
            if name.isascii() else
            f"转发六六：京东第三方商家以 Contour U 冒充 Comfort U，非质量问题不退货的说法站不住脚，消费者可以向12315投诉。#无赖京东#")
    add_post(at, name, text, fol, lang="en" if name.isascii() else "zh", reposts=rng.randint(500, 8000))

add_post(RESPONSE_AT, "京东", "关于六六女士反映的问题：我们高度重视，已对涉事第三方商家进行处罚并下架相关商品，"
         "向消费者致歉并按假一赔三承担责任。京东将完善第三方商家售后规则。", 18_600_000, reposts=9_800, comments=31_000)
add_post(RESPONSE_AT + timedelta(minutes=40), "京东客服", "已联系六六女士的朋友，由专人跟进处理，感谢大家的监督。", 3_100_000)

# --- posts output -----------------------------------------------------------------------------

posts.sort(key=lambda p: (p["t"], p["author"], p["text"]))
out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "feeds", "demo")
os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "posts.jsonl"), "w", encoding="utf-8") as f:
    for i, p in enumerate(posts):
        o = {"id": f"wb-{i + 1:06d}", "source": p["source"], "author": p["author"], "followers": p["followers"],
             "text": p["text"], "created_at": iso(p["t"])}
        for k in ("url", "reposts", "comments", "likes"):
            if p[k] is not None:
                o[k] = p[k]
        o["lang"] = p["lang"]
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
influencer_id = next(f"wb-{i + 1:06d}" for i, p in enumerate(posts) if p["author"] == "六六")
response_id = next(f"wb-{i + 1:06d}" for i, p in enumerate(posts) if p["author"] == "京东" and p["t"] == RESPONSE_AT)

# --- tickets ----------------------------------------------------------------------------------

tickets = []


def ticket(tid, created, status, channel, customer, order, subject, body, events=(), updated=None):
    o = {"id": tid, "created_at": iso(created), "status": status, "channel": channel, "customer": customer,
         "order_id": order, "subject": subject, "body": body,
         "events": [{"at": iso(a), "actor": ac, "kind": k, "text": tx} for (a, ac, k, tx) in events]}
    if updated:
        o["updated_at"] = iso(updated)
    if customer is None:
        del o["customer"]
    if order is None:
        del o["order_id"]
    tickets.append(o)


d = lambda day, h, m=0: datetime(2018, 3, day, h, m, tzinfo=TZ)

# The origin chain: the shop ticket, then the platform complaint about the same order.
ticket("TK-1047", d(6, 10, 12), "closed", "chat", "C-88213", ORDER,
       "收到的枕头型号不对，要求退货",
       f"我在{SHOP}下单的是 Comfort U 护腰枕，付了1400元，收到的却是 Contour U，网上只卖200多。要求退货退款并给个解释。",
       [(d(6, 10, 31), "agent", "message", "您好，经核实您收到的商品无质量问题，非质量问题不退货，请谅解。"),
        (d(6, 11, 5), "customer", "message", "这是货不对板，我买的是 Comfort U，你们发的是 Contour U，这不是质量问题能解释的。"),
        (d(6, 11, 20), "agent", "message", "抱歉，按店铺规定非质量问题不予退货。"),
        (d(7, 9, 2), "customer", "message", "你们这是以次充好，我会投诉到京东平台。"),
        (d(7, 9, 30), "system", "status", "工单已关闭")], updated=d(7, 9, 30))
ticket("TK-1063", d(8, 19, 40), "closed", "platform", "C-88213", ORDER,
       f"投诉商家{SHOP}：发错货且拒绝退货",
       "订单里买的 Comfort U 护腰枕，商家发来 Contour U，客服说非质量问题不退货。请平台介入，我要一个解释，而不是只退钱。",
       [(d(9, 10, 15), "platform", "message", "经平台介入，已为您办理全额退款，请注意查收。"),
        (d(9, 12, 40), "customer", "message", "我要的不是退款，是商家为什么拿 Contour U 冒充 Comfort U，按规定应该假一赔三。"),
        (d(9, 15, 0), "platform", "status", "退款已完成，工单关闭。"),
        (d(10, 20, 55), "customer", "message", "你们这样处理我不接受，我会找媒体曝光。"),
        (d(10, 21, 0), "system", "escalation", "客户要求升级处理，提及曝光")], updated=d(10, 21, 0))

# Hard negatives.
ticket("TK-1021", d(3, 14, 20), "solved", "chat", "C-51007", "72350412876", "Comfort U 护腰枕什么时候发货",
       f"前天在{SHOP}拍的 Comfort U 护腰枕，还没发货，请问什么时候能发？",
       [(d(3, 14, 32), "agent", "message", "亲，今天下午安排发货，请耐心等待。"),
        (d(3, 14, 40), "customer", "message", "好的，谢谢")])
ticket("TK-1089", d(11, 16, 5), "solved", "chat", "C-60421", "72350487001", "枕套颜色发错了，想换货",
       f"在{SHOP}买的枕套，拍的灰色发成了米色，能换一个吗？",
       [(d(11, 16, 20), "agent", "message", "非常抱歉，已为您登记换货，快递员明天上门取件。")])
ticket("TK-1102", d(12, 9, 45), "solved", "email", "C-70318", "72350499315", "Comfort U 腰枕开发票",
       f"{SHOP}的 Comfort U 腰枕需要开公司抬头的发票。", [(d(12, 10, 30), "agent", "message", "已开具电子发票，请查收邮件。")])
ticket("TK-1110", d(12, 20, 10), "open", "platform", "C-33190", "68120455671", "乳胶枕疑似假货，商家拒绝退货",
       "在京东买的泰国乳胶枕，味道很大，怀疑是假货。商家说拆封了非质量问题不退货。再不处理我就打12315投诉，还要曝光。",
       [(d(12, 21, 0), "customer", "message", "我已经在微博上吐槽了，你们看着办。"),
        (d(13, 10, 0), "system", "escalation", "客户威胁投诉12315")])
ticket("TK-1075", d(9, 11, 0), "solved", "phone", "C-45120", "70311890452", "颈椎枕退货，七天无理由",
       "买的记忆棉颈椎枕睡不惯，想七天无理由退货。", [(d(9, 11, 20), "agent", "message", "已为您办理退货，运费由您承担。")])
ticket("TK-1081", d(10, 15, 30), "pending", "chat", "C-29981", "70311901277", "衣服尺码不合适，商家不给退",
       "羽绒服尺码偏小，商家说非质量问题不退货，吊牌都没拆。",
       [(d(10, 15, 45), "agent", "message", "亲，羽绒服属于特殊商品，非质量问题不予退货哦。")])
ticket("TK-1150", d(14, 12, 5), "open", "chat", "C-90022", "72350501988", "看到微博，我买的 Comfort U 是不是也是假的",
       f"看了六六的微博，我上个月也在{SHOP}买了 Comfort U 腰枕，怎么确认是不是正品？", [])
ticket("TK-1003", d(1, 9, 30), "solved", "platform", "C-12004", "69001234870", "投诉商家发错货",
       "买的是蓝色保温杯，收到红色的，商家不承认发错，请平台处理。",
       [(d(1, 15, 0), "platform", "message", "已核实，商家同意换货。")])

SUBJECTS = [
    ("快递三天还没到", "订单显示已发货，但物流三天没有更新，请帮忙查一下。", "chat"),
    ("退款还没到账", "退货已经寄回一周了，退款还没到账。", "chat"),
    ("商品破损", "收到的{p}外包装破损，{p}有划痕，申请换货。", "chat"),
    ("发票问题", "需要开具{p}的增值税发票。", "email"),
    ("优惠券无法使用", "满减券在结算页面不能用。", "chat"),
    ("账户被冻结", "我的账户突然无法下单，提示风险控制。", "phone"),
    ("预约安装", "买的{p}需要预约上门安装。", "phone"),
    ("价保申请", "买了{p}第二天就降价了，申请价保。", "chat"),
    ("修改收货地址", "下单后想修改收货地址。", "chat"),
    ("商品与描述不符", "{p}的颜色和详情页差别很大，想退货。", "chat"),
    ("七天无理由退货", "{p}不想要了，申请七天无理由退货。", "chat"),
    ("配送员态度差", "快递员态度很差，把{p}扔在门口。", "phone"),
    ("少发了配件", "{p}少了一个配件，请补发。", "chat"),
    ("质量问题换货", "{p}用了两天就坏了，申请换货。", "chat"),
    ("投诉商家不发货", "付款五天了商家还不发货。", "platform"),
    ("白条还款问题", "白条还款后额度没有恢复。", "phone"),
    ("会员费退款", "PLUS会员误开通，申请退款。", "email"),
    ("Order not delivered", "My order of a {pe} has not arrived after a week.", "email"),
    ("Refund request", "I returned the {pe} but have not received a refund.", "email"),
]
AGENT_REPLIES = ["您好，已为您登记，24小时内给您答复。", "亲，已经帮您催促处理了。", "已为您处理完毕，感谢您的耐心。",
                 "抱歉给您带来不便，已提交相关部门。"]
n = 0
day_count = (END - START).days
while len(tickets) < 172:
    n += 1
    created = START + timedelta(minutes=rng.randint(0, day_count * 24 * 60 - 1))
    subj, body, channel = rng.choice(SUBJECTS)
    p = rng.choice(PRODUCTS)
    pe = rng.choice(PRODUCT_EN)
    tid = f"TK-{2000 + n}"
    events = [(created + timedelta(minutes=rng.randint(5, 300)), "agent", "message", rng.choice(AGENT_REPLIES))]
    if rng.random() < 0.3:
        events.append((events[-1][0] + timedelta(hours=rng.randint(1, 30)), "customer", "message", "还没有处理好，请尽快。"))
    status = rng.choice(["solved", "solved", "closed", "pending", "open"])
    order = str(rng.randint(60000000000, 79999999999)) if rng.random() < 0.8 else None
    ticket(tid, created, status, channel, f"C-{rng.randint(10000, 99999)}", order,
           subj.replace("{p}", p).replace("{pe}", pe), body.replace("{p}", p).replace("{pe}", pe), events)

tickets.sort(key=lambda o: (o["created_at"], o["id"]))
with open(os.path.join(out_dir, "tickets.jsonl"), "w", encoding="utf-8") as f:
    for o in tickets:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")

# --- feeds ------------------------------------------------------------------------------------


def rfc822(dt):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{days[dt.weekday()]}, {dt.day:02d} {months[dt.month - 1]} {dt.year} {dt:%H:%M:%S} +0800"


news = [
    (d(2, 9, 0), "京东发布2017年第四季度财报", "京东集团公布第四季度业绩，净收入同比增长。"),
    (d(5, 10, 30), "电商平台春季家电促销开启", "京东、天猫、苏宁相继开启春季家电促销。"),
    (d(8, 21, 0), "女神节电商大促：京东女性用品销量翻倍", "3月8日，京东平台女性用品销量同比翻倍。"),
    (d(12, 8, 30), "消费者协会发布第三方商家售后报告", "报告指出部分电商第三方商家以“非质量问题”为由拒绝退货。"),
    (datetime(2018, 3, 14, 15, 10, tzinfo=TZ), "作家六六发文《无赖京东》，指第三方商家以次充好",
     "<p>作家六六在微博发文称，朋友在京东购买的 Comfort U 腰枕被换成 Contour U，商家拒绝退货，"
     "平台仅退款。该微博转发量迅速突破万次。</p>"),
    (datetime(2018, 3, 15, 16, 0, tzinfo=TZ), "京东回应六六投诉：已处罚涉事商家",
     "<p>京东表示已对涉事第三方商家进行处罚并下架相关商品，按“假一赔三”承担责任。</p>"),
    (datetime(2018, 3, 16, 9, 0, tzinfo=TZ), "评论：平台不能只退款了事", "<p>从“无赖京东”事件看电商平台的第三方商家管理责任。</p>"),
]
with open(os.path.join(out_dir, "news.rss.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n')
    f.write("  <title>消费日报·电商频道</title>\n  <link>https://news.example.com/ecommerce</link>\n")
    f.write("  <description>电商与消费者权益新闻</description>\n  <language>zh-cn</language>\n")
    for i, (at, title, desc) in enumerate(news):
        f.write(f"  <item>\n    <title>{title}</title>\n    <link>https://news.example.com/ecommerce/{1800 + i}</link>\n")
        f.write(f"    <guid isPermaLink=\"false\">news-{1800 + i}</guid>\n    <dc:creator>消费日报</dc:creator>\n")
        f.write(f"    <pubDate>{rfc822(at)}</pubDate>\n    <description><![CDATA[{desc}]]></description>\n  </item>\n")
    f.write("</channel>\n</rss>\n")

newsroom = [
    (d(1, 10, 0), "京东物流春季保障计划", "春运后全国物流网络全面恢复，次日达覆盖300城。"),
    (d(7, 11, 0), "京东女神节活动公告", "3月8日女神节，京东推出多项优惠活动。"),
    (datetime(2018, 3, 15, 14, 30, tzinfo=TZ), "关于六六女士反映问题的说明",
     "针对六六女士反映的 Comfort U 腰枕问题，京东已对涉事第三方商家处罚并下架商品，向消费者致歉，并按假一赔三承担责任。"),
]
with open(os.path.join(out_dir, "newsroom.atom.xml"), "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n')
    f.write('  <title>京东黑板报</title>\n  <id>urn:example:jd-newsroom</id>\n')
    f.write('  <link rel="alternate" href="https://newsroom.example.com/"/>\n')
    f.write(f"  <updated>{iso(newsroom[-1][0])}</updated>\n  <author><name>京东黑板报</name></author>\n")
    for i, (at, title, body) in enumerate(newsroom):
        f.write(f"  <entry>\n    <id>urn:example:jd-newsroom:{i + 1}</id>\n    <title>{title}</title>\n")
        f.write(f'    <link rel="alternate" href="https://newsroom.example.com/{i + 1}"/>\n')
        f.write(f"    <published>{iso(at)}</published>\n    <updated>{iso(at)}</updated>\n")
        f.write(f"    <content type=\"html\">&lt;p&gt;{body}&lt;/p&gt;</content>\n  </entry>\n")
    f.write("</feed>\n")

truth = {
    "topic": "jd",
    "surge_start": iso(INFLUENCER_AT),
    "influencer_post": influencer_id,
    "response_post": response_id,
    "origin_ticket": "TK-1047",
    "origin_chain": ["TK-1047", "TK-1063"],
    "hard_negatives": ["TK-1021", "TK-1089", "TK-1102", "TK-1110", "TK-1075", "TK-1081", "TK-1150", "TK-1003"],
    "posts": len(posts),
    "tickets": len(tickets),
}
with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8") as f:
    json.dump(truth, f, ensure_ascii=False, indent=2)
    f.write("\n")
print(f"{len(posts)} posts, {len(tickets)} tickets -> {out_dir}")
