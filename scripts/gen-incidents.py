#!/usr/bin/env python3
"""Generate a set of recorded incidents unlike the demo's, to measure detection delay, false alerts
and ticket linking on more than one story (scripts/incident-eval.py runs `outcry replay` on them).

The demo incident (scripts/gen-demo-incident.py) is one story in one language, and every detector or
linker change has been checked against it. These are other shapes, written independently of it —
fictional brands, their own vocabulary, no text shared with the demo:

  airline-en        English; a disability advocate (2.1 M followers) posts about a wheelchair broken
                    on a flight and a $50 voucher; tickets carry booking references
  delivery-zh       Simplified Chinese food delivery; no influencer: a foreign object in a meal grows
                    from a few diners' posts into a surge over a day and a half (grassroots)
  telecom-hant      Taiwan-style Traditional Chinese; a YouTuber posts a bill with a charge the carrier
                    refused to refund; tickets in Traditional Chinese, posts in both scripts
  appliance-news    Simplified Chinese; a news article on heaters that scorch, after several customers'
                    tickets about the same model over the week before — the oldest is the origin
  bigbrand-zh       Simplified Chinese; a busy, bursty brand (hundreds of posts an hour) and an account-theft
                    story carried by a 600 k-follower account, large for a person, modest for the brand
  outage-en         English; a bank's app goes down — a flood of login tickets, then the posts; the
                    origin is the first ticket
  promo-none        no incident: a celebrity's endorsement makes a brand loud for an evening (praise,
                    not complaints), and an app outage brings a short burst of mild grumbling
  quiet-none        no incident: four topics with their daily and weekly rhythm only

Each kind is generated with two seeds (volumes, timings, followers and ticket mixes differ), so the
set holds 16 recordings. Deterministic: the same seeds give byte-identical files.

Usage: python3 scripts/gen-incidents.py OUT_DIR     → OUT_DIR/<kind>-<seed>/{posts,tickets}.jsonl,
       topics.yml, truth.json (target topic, surge start, origin chain; "topic": null when none)
"""
import json
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone

RHYTHM = [0.35, 0.22, 0.14, 0.10, 0.09, 0.14, 0.30, 0.60, 0.90, 1.10, 1.20, 1.20,
          1.30, 1.20, 1.10, 1.10, 1.10, 1.20, 1.30, 1.50, 1.65, 1.55, 1.15, 0.65]
WEEKDAY = [1.0, 0.95, 0.95, 1.0, 1.1, 1.3, 1.25]   # Monday first


def iso(t):
    return t.isoformat(timespec="seconds")


class Recording:
    """Posts and tickets of one scenario, with the helpers every scenario shares."""

    def __init__(self, seed, tz_hours, start, days):
        self.rng = random.Random(seed)
        self.tz = timezone(timedelta(hours=tz_hours))
        self.start = datetime(*start, tzinfo=self.tz)
        self.end = self.start + timedelta(days=days)
        self.posts = []
        self.tickets = []

    def at(self, day, hour, minute=0, second=0):
        return self.start + timedelta(days=day, hours=hour, minutes=minute, seconds=second)

    def times(self, rate, start=None, end=None, shape=lambda t: 1.0, rhythm=True, bound=None):
        """Times of an inhomogeneous Poisson process: `rate` per hour × daily and weekly rhythm × shape
        (thinning under `bound` per hour)."""
        start, end = start or self.start, end or self.end
        bound = bound or rate * 1.65 * 1.3 * 40
        t, out = start, []
        while True:
            t += timedelta(hours=self.rng.expovariate(bound))
            if t >= end:
                return out
            lam = rate * shape(t) * ((RHYTHM[t.hour] * WEEKDAY[t.weekday()]) if rhythm else 1.0)
            assert lam <= bound, "raise the thinning bound"
            if self.rng.random() < lam / bound:
                out.append(t)

    def followers(self, mu=5.4, sigma=1.5):
        return int(min(1_500_000, math.exp(self.rng.gauss(mu, sigma))))

    def post(self, t, author, text, followers, source, lang, **counts):
        self.posts.append(dict(t=t, author=author, text=text, followers=followers, source=source, lang=lang, **counts))

    def chatter(self, rate, bank, source, lang, handles, shape=lambda t: 1.0, followers=None):
        for t in self.times(rate, shape=shape):
            self.post(t, self.rng.choice(handles)(self.rng), self.fill(self.rng.choice(bank)), followers() if followers else self.followers(),
                      source, lang(self.rng) if callable(lang) else lang, likes=self.rng.randint(0, 40))

    def fill(self, text, **slots):
        for k, values in {**self.slots, **slots}.items():
            while "{" + k + "}" in text:
                text = text.replace("{" + k + "}", self.rng.choice(values), 1)
        return text

    slots = {}

    def ticket(self, tid, created, subject, body, events=(), status="solved", channel="chat", customer=None, order=None):
        o = {"id": tid, "created_at": iso(created), "status": status, "channel": channel}
        if customer:
            o["customer"] = customer
        if order:
            o["order_id"] = order
        o.update(subject=subject, body=body,
                 events=[{"at": iso(a), "actor": who, "kind": kind, "text": text} for a, who, kind, text in events])
        if events:
            o["updated_at"] = iso(max(e[0] for e in events))
        self.tickets.append(o)

    def routine_tickets(self, count, prefix, subjects, replies, order_id, customer_id, first=3000):
        """Ordinary support traffic: the haystack the origin tickets hide in."""
        span = int((self.end - self.start).total_seconds() // 60)
        for n in range(count):
            created = self.start + timedelta(minutes=self.rng.randint(0, span - 1))
            subject, body, channel = self.rng.choice(subjects)
            events = [(created + timedelta(minutes=self.rng.randint(5, 400)), "agent", "message", self.rng.choice(replies))]
            self.ticket(f"{prefix}-{first + n}", created, self.fill(subject), self.fill(body), events,
                        status=self.rng.choice(["solved", "solved", "closed", "pending", "open"]), channel=channel,
                        customer=customer_id(self.rng), order=order_id(self.rng) if self.rng.random() < 0.8 else None)

    def write(self, out_dir, topics, truth):
        os.makedirs(out_dir, exist_ok=True)
        self.posts.sort(key=lambda p: (p["t"], p["author"], p["text"]))
        ids = {}
        with open(os.path.join(out_dir, "posts.jsonl"), "w", encoding="utf-8") as f:
            for i, p in enumerate(self.posts):
                o = {"id": f"p-{i + 1:06d}", "source": p["source"], "author": p["author"], "followers": p["followers"],
                     "text": p["text"], "created_at": iso(p["t"])}
                for k in ("url", "reposts", "comments", "likes"):
                    if p.get(k) is not None:
                        o[k] = p[k]
                o["lang"] = p["lang"]
                ids.setdefault((p["author"], p["t"]), o["id"])
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
        self.tickets.sort(key=lambda o: (o["created_at"], o["id"]))
        with open(os.path.join(out_dir, "tickets.jsonl"), "w", encoding="utf-8") as f:
            for o in self.tickets:
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
        with open(os.path.join(out_dir, "topics.yml"), "w", encoding="utf-8") as f:
            f.write("topics:\n")
            for t in topics:
                f.write(f"  - id: {t['id']}\n    name: {json.dumps(t['name'], ensure_ascii=False)}\n")
                f.write(f"    terms: {json.dumps(t['terms'], ensure_ascii=False)}\n")
                if t.get("official"):
                    f.write(f"    official_accounts: {json.dumps(t['official'], ensure_ascii=False)}\n")
        truth = dict(truth, posts=len(self.posts), tickets=len(self.tickets),
                     end=iso(self.end))
        for k in ("surge_start", "incident_end", "first_post"):
            if truth.get(k):
                truth[k] = iso(truth[k])
        with open(os.path.join(out_dir, "truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, ensure_ascii=False, indent=2)
            f.write("\n")


def en_handle(rng):
    return rng.choice(["sam", "jo", "alex", "riley", "casey", "morgan", "jamie", "drew", "kim", "pat", "lee", "robin"]) + \
        rng.choice(["_", ".", ""]) + rng.choice(["travels", "writes", "codes", "runs", "bakes", "reads", "", "x"]) + str(rng.randint(1, 9999))


def zh_handle(rng):
    return rng.choice(["爱吃", "不想", "小", "阿", "老", "路过的", "熬夜的", "社恐", "干饭", "摸鱼"]) + \
        rng.choice(["鲸鱼", "芒果", "土拨鼠", "橘子", "小熊", "面条", "皮卡", "豆包", "咖啡", "企鹅"]) + str(rng.randint(1, 99999))


def tw_handle(rng):
    return rng.choice(["阿", "小", "愛吃", "不想上班的", "台北", "高雄", "熱血", "路人"]) + \
        rng.choice(["貓", "魯肉飯", "珍奶", "阿伯", "小豪", "芋圓", "雞排", "葉子"]) + str(rng.randint(1, 9999))


def surge(rec, trigger, peak, rise_hours, half_life_hours, bank, handles, source, lang, response_at=None, ramp=None):
    """Reposts and comments after `trigger`: rise to `peak` per hour, plateau, decay; quieter after a response."""
    def rate(t):
        h = (t - trigger).total_seconds() / 3600
        if h < 0:
            return 0.0
        r = peak * (ramp(h) if ramp else (1 - math.exp(-h / rise_hours)))
        r *= math.exp(-max(0.0, h - 3 * rise_hours) * math.log(2) / half_life_hours)
        if response_at and t >= response_at:
            r *= 0.6
        return r * (0.4 + 0.6 * RHYTHM[t.hour] / 1.3)
    for t in rec.times(1.0, start=trigger, shape=rate, rhythm=False, bound=peak * 1.05):
        text, language = rec.rng.choice(bank)
        rec.post(t, rec.rng.choice(handles)(rec.rng), rec.fill(text), rec.followers(), source,
                 language if language else lang, likes=rec.rng.randint(0, 300))


# --- airline-en ----------------------------------------------------------------------------------

def airline_en(seed, out):
    rec = Recording(seed, -5, (2024, 5, 6), 16)
    r = rec.rng
    rec.slots = {"city": ["Denver", "Boston", "Atlanta", "Seattle", "Chicago", "Austin", "Newark", "Miami"],
                 "n": [str(i) for i in range(2, 9)], "thing": ["bag", "stroller", "guitar", "car seat", "suitcase"]}
    base = r.uniform(3.0, 8.0)
    nw = ["Flying Northwind Air to {city} today, smooth boarding", "Northwind Air crew on my {city} flight were lovely",
          "Anyone know if Northwind Air lets you change seats for free?", "Northwind Air delayed {n} hours at {city}, ugh",
          "Got upgraded on Northwind Air, best day", "Northwind Air app keeps logging me out", "Northwind Air lost my {thing} again",
          "Northwind Air snacks are better than they used to be", "Northwind Air to {city}: on time for once",
          "Booked Northwind Air for the holidays, fingers crossed", "northwind air wifi actually worked today",
          "Northwind Air customer service hold time was {n}0 minutes", "Thanks Northwind Air for the smooth landing in {city}"]
    ba = ["Bluejay Airlines to {city} was fine, nothing special", "Bluejay Airlines canceled my flight, rebooked quickly though",
          "Bluejay Airlines seats are so cramped", "Bluejay Airlines sale fares are out", "Bluejay lost my {thing} at {city}"]
    rail = ["Coastal Rail from {city} was late again", "Coastal Rail quiet car is my happy place", "Coastal Rail wifi is a joke",
            "Took Coastal Rail instead of flying, no regrets"]
    chat = ["Coffee first, then email", "Who else is watching the game tonight?", "Finally finished that book",
            "Rain all week in {city}", "New running shoes feel great", "Meetings all afternoon", "Cooking pasta again"]
    rec.chatter(base, nw, "mastodon", "en", [en_handle])
    rec.chatter(base * 0.6, ba, "reddit", "en", [en_handle])
    rec.chatter(1.5, rail, "mastodon", "en", [en_handle])
    rec.chatter(3.0, chat, "mastodon", "en", [en_handle])
    # A fare sale: loud, not a complaint surge.
    sale_day = r.randint(3, 5)
    sale = rec.at(sale_day, 9)
    rec.chatter(1.0, ["Northwind Air fare sale! {city} for $59", "Just booked Northwind Air sale fares to {city}",
                      "Northwind Air sale crashed their site lol, got tickets anyway"], "mastodon", "en", [en_handle],
                shape=lambda t: 25.0 if sale <= t < sale + timedelta(hours=6) else 0.0)
    for day in range(16):
        rec.post(rec.at(day, 11, r.randint(0, 59)), "NorthwindAir", r.choice(
            ["Summer routes to {city} are on sale now", "Our crews are ready for the holiday rush", "Welcome aboard our new A321neo"]).replace(
            "{city}", r.choice(rec.slots["city"])), 1_900_000, "mastodon", "en", likes=r.randint(50, 900))

    # The origin chain: a passenger's wheelchair broken, claim denied, then escalated.
    booking = "NW" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4))
    day0 = r.randint(7, 8)
    t1 = rec.at(day0, 15, 40)
    rec.ticket("NWS-5120", t1, "Power wheelchair damaged on flight NW 482",
               f"My power wheelchair came off flight NW 482 from Denver with a snapped joystick and a bent frame. Booking {booking}. "
               "I cannot get around without it. I need it repaired or replaced.",
               [(t1 + timedelta(hours=2), "agent", "message", "We're sorry to hear that. We can offer a $50 travel voucher as a goodwill gesture."),
                (t1 + timedelta(hours=3), "customer", "message", "A $50 voucher for an $8,000 wheelchair? That is not acceptable."),
                (t1 + timedelta(hours=20), "agent", "message", "Mobility device claims must be filed within 24 hours at the airport. Your claim is closed."),
                (t1 + timedelta(hours=21), "system", "status", "Ticket closed")],
               status="closed", channel="email", customer="CUS-77120", order=booking)
    t2 = t1 + timedelta(days=1, hours=4)
    rec.ticket("NWS-5187", t2, "Complaint: wheelchair claim rejected, want escalation",
               f"Booking {booking}. You broke my power wheelchair on NW 482 and rejected the claim because I reported it at the gate, not the desk. "
               "I want the chair replaced and an explanation. I will contact the DOT and a lawyer.",
               [(t2 + timedelta(hours=5), "agent", "message", "Your complaint has been forwarded to our customer relations team."),
                (t2 + timedelta(hours=6), "system", "escalation", "Customer mentions DOT complaint and lawyer")],
               status="pending", channel="email", customer="CUS-77120", order=booking)
    # The passenger's own small posts, then the advocate's.
    first_post = t1 + timedelta(hours=26)
    rec.post(first_post, "rollingrosa", "Northwind Air broke my power wheelchair on NW 482 and offered me a $50 voucher. I can't leave my apartment.",
             412, "mastodon", "en", comments=4)
    trigger = rec.at(day0 + r.randint(2, 3), r.randint(9, 13), r.randint(0, 59))
    rec.post(trigger, "AccessAdvocateMaya",
             "Northwind Air destroyed my friend Rosa's power wheelchair on flight NW 482, then denied her claim on a technicality and offered a $50 voucher. "
             "An $8,000 chair. She has been stuck at home for days. @NorthwindAir this is disgraceful. Please share.",
             2_100_000, "mastodon", "en", reposts=18_400, comments=6_100, likes=64_000)
    response = trigger + timedelta(hours=r.randint(20, 30))
    bank = [("Northwind Air broke a wheelchair and offered $50?? Never flying them again", None),
            ("Boost. @NorthwindAir fix Rosa's wheelchair", None), ("This is why disabled people dread flying. Shame on Northwind Air", None),
            ("Northwind Air needs to replace that wheelchair today", None), ("Filing a DOT complaint on Rosa's behalf. Northwind Air, do better.", None),
            ("My dad's scooter was damaged by Northwind Air last year too. Same runaround.", None),
            ("A $50 voucher for a broken wheelchair is insulting, Northwind Air", None),
            ("Reposting: Northwind Air denied a wheelchair claim on a technicality #NorthwindAir", None),
            ("Lawyers, anyone? Northwind Air broke a power chair and walked away", None),
            ("Boycotting Northwind Air until they make this right", None)]
    surge(rec, trigger, r.uniform(90, 200), 1.2, 10, bank, [en_handle], "mastodon", "en", response_at=response)
    for i, (name, fol) in enumerate([("TravelDeskNews", 640_000), ("DisabilityRightsNow", 380_000), ("AirlineWatch", 910_000)]):
        rec.post(trigger + timedelta(minutes=50 + 70 * i), name,
                 "Northwind Air under fire after breaking a passenger's power wheelchair and offering a $50 voucher", fol, "mastodon", "en",
                 reposts=r.randint(300, 3000))
    rec.post(response, "NorthwindAir", "We've reached out to Rosa directly. Her wheelchair will be replaced in full and we are reviewing our mobility claim rules.",
             1_900_000, "mastodon", "en", reposts=2_100)
    # Haystack and hard negatives.
    subjects = [("Refund for canceled flight to {city}", "My flight to {city} was canceled and I want a refund, not a voucher.", "email"),
                ("Lost {thing}", "My {thing} did not arrive in {city}. File reference attached.", "chat"),
                ("Seat change request", "Can I move to an aisle seat on my {city} flight?", "chat"),
                ("Name correction", "My last name is misspelled on the booking.", "email"),
                ("Delayed flight compensation", "Flight to {city} was delayed {n} hours. What compensation applies?", "email"),
                ("Damaged {thing}", "My {thing} arrived in {city} with a broken handle.", "chat"),
                ("Wheelchair assistance request", "I need wheelchair assistance at {city} airport for my mother.", "phone"),
                ("Loyalty points missing", "Points for my {city} trip never posted.", "email")]
    replies = ["Thanks for reaching out, we're looking into it.", "We've processed your request.", "Please allow 7-10 business days.",
               "We're sorry for the inconvenience."]
    rec.routine_tickets(r.randint(220, 320), "NWS", subjects, replies,
                        lambda g: "NW" + "".join(g.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4)),
                        lambda g: f"CUS-{g.randint(10000, 99999)}")
    neg = rec.at(day0 - 2, 10)
    rec.ticket("NWS-5077", neg, "Manual wheelchair scratched", "My manual wheelchair got a scratch on the armrest on a flight to Boston. Minor, just reporting it.",
               [(neg + timedelta(hours=3), "agent", "message", "Thanks, we've logged it and sent a $50 voucher.")], customer="CUS-40110", order="NWK7P2")
    neg2 = rec.at(day0 + 1, 12)
    rec.ticket("NWS-5150", neg2, "Lawyer letter re: injury on jet bridge", "I slipped on the jet bridge in Chicago. My lawyer will contact you.",
               [(neg2 + timedelta(hours=4), "agent", "message", "Forwarded to our legal team.")], status="pending", customer="CUS-51234", order="NWQ9RT")
    rec.write(out, [{"id": "northwind", "name": "Northwind Air", "terms": ["northwind air", "northwindair", "northwind"], "official": ["NorthwindAir"]},
                    {"id": "bluejay", "name": "Bluejay Airlines", "terms": ["bluejay airlines", "bluejay"]},
                    {"id": "coastal", "name": "Coastal Rail", "terms": ["coastal rail"]}],
              {"topic": "northwind", "surge_start": trigger, "incident_end": response + timedelta(days=2), "first_post": first_post,
               "origin_ticket": "NWS-5120", "origin_chain": ["NWS-5120", "NWS-5187"], "hard_negatives": ["NWS-5077", "NWS-5150"]})


# --- delivery-zh (grassroots) ---------------------------------------------------------------------

def delivery_zh(seed, out):
    rec = Recording(seed, 8, (2023, 9, 4), 15)
    r = rec.rng
    rec.slots = {"food": ["黄焖鸡", "麻辣烫", "螺蛳粉", "汉堡", "炒饭", "牛肉面", "煲仔饭", "寿司", "奶茶"],
                 "n": [str(i) for i in range(10, 60, 5)], "area": ["朝阳", "海淀", "徐汇", "天河", "南山", "武昌"]}
    base = r.uniform(4.0, 10.0)
    sd = ["速达外卖的{food}{n}分钟就送到了，还是热的", "今天速达外卖红包好大", "速达外卖骑手小哥冒雨送餐，给个好评",
          "速达外卖点的{food}味道一般", "速达外卖配送费又涨了", "速达外卖超时了{n}分钟，有点饿", "速达外卖会员划算吗",
          "周末在速达外卖上点了{food}，不错", "速达外卖的{food}分量好少", "速达外卖客服还挺快的"]
    mt = ["快马外卖的{food}还可以", "快马外卖今天满减力度大", "快马外卖送错了，联系商家重送了", "在快马外卖上点了{food}"]
    chat = ["今天加班到九点", "{area}下雨了", "周末去爬山吗", "这部剧太好看了", "早上地铁挤死了", "新买的耳机音质不错"]
    rec.chatter(base, sd, "weibo", "zh", [zh_handle])
    rec.chatter(base * 0.7, mt, "weibo", "zh", [zh_handle])
    rec.chatter(3.0, chat, "weibo", "zh", [zh_handle])
    for day in range(15):
        rec.post(rec.at(day, 11, r.randint(0, 59)), "速达外卖", r.choice(["午餐红包已到账，快来领", "速达会员日，{food}五折起"]).replace(
            "{food}", r.choice(rec.slots["food"])), 5_200_000, "weibo", "zh", likes=r.randint(100, 2000))
    # Mid-autumn promotion evening: loud and positive.
    promo = rec.at(r.randint(2, 4), 18)
    rec.chatter(1.0, ["速达外卖中秋红包抢到了", "速达外卖月饼券太香了", "速达外卖中秋免配送费，冲"], "weibo", "zh", [zh_handle],
                shape=lambda t: 20.0 if promo <= t < promo + timedelta(hours=5) else 0.0)

    order = str(r.randint(2300000000000, 2399999999999))
    day0 = r.randint(7, 8)
    t1 = rec.at(day0, 12, 35)
    rec.ticket("SD-88410", t1, "餐里吃出钢丝球碎片", f"在速达外卖上点的“老街坊黄焖鸡”，吃到一半吃出一块钢丝球碎片，差点划破嘴。订单号{order}。要求商家给说法。",
               [(t1 + timedelta(minutes=40), "agent", "message", "非常抱歉，已为您联系商家，商家同意退还餐费。"),
                (t1 + timedelta(hours=1), "customer", "message", "退餐费就完了？这是食品安全问题，商家后厨卫生必须查。"),
                (t1 + timedelta(hours=3), "agent", "message", "已为您补偿5元无门槛红包，感谢您的理解。"),
                (t1 + timedelta(hours=4), "system", "status", "工单已解决")],
               status="solved", customer="U-301988", order=order)
    t2 = t1 + timedelta(hours=26)
    rec.ticket("SD-88472", t2, "投诉：异物问题只给5元红包", f"订单{order}，老街坊黄焖鸡吃出钢丝球，客服只给5元红包。我要求平台下架这家店并检查后厨，不然我就向市场监管局举报、找媒体曝光。",
               [(t2 + timedelta(hours=2), "agent", "message", "您的投诉已升级到食品安全专员。"),
                (t2 + timedelta(hours=2, minutes=5), "system", "escalation", "用户提及市场监管局与媒体曝光")],
               status="pending", channel="platform", customer="U-301988", order=order)
    # Grassroots: the diner's post, then others who ate at the same shop, growing for a day and a half.
    trigger = t2 + timedelta(hours=r.randint(3, 8))
    rec.post(trigger, "干饭人小周", "在速达外卖点的老街坊黄焖鸡吃出钢丝球碎片！商家退餐费，平台给5元红包就打发了。大家点外卖小心 #速达外卖吃出钢丝球#",
             830, "weibo", "zh", comments=12)
    bank = [("我也在老街坊黄焖鸡吃出过头发，速达外卖根本不管", None), ("速达外卖吃出钢丝球就给5元？太敷衍了", None),
            ("转发，速达外卖必须查这家店的后厨", None), ("#速达外卖吃出钢丝球# 以后不敢点外卖了", None),
            ("建议直接打12315举报，速达外卖不管就找市场监管", None), ("速达外卖的食品安全谁来管？", None),
            ("我们小区也有人在速达外卖吃出异物，投诉无门", None), ("速达外卖：5元红包买你的健康", None),
            ("卸载速达外卖了，太恶心", None), ("求扩散，速达外卖的商家太不负责了", None)]
    rise = r.uniform(9, 16)
    surge(rec, trigger, r.uniform(70, 140), rise, 12, bank, [zh_handle], "weibo", "zh",
          ramp=lambda h: min(1.0, (h / (3 * rise)) ** 2) if h < 3 * rise else 1.0)
    for i, (name, fol) in enumerate([("本地生活观察", 560_000), ("食品安全说", 1_200_000)]):
        rec.post(trigger + timedelta(hours=rise * 2 + 3 * i), name, "速达外卖用户吃出钢丝球，平台仅赔5元红包，外卖食品安全再引关注", fol, "weibo", "zh",
                 reposts=r.randint(200, 4000))
    response = trigger + timedelta(hours=rise * 3 + 6)
    rec.post(response, "速达外卖", "关于老街坊黄焖鸡异物问题：已下架该店并配合市场监管部门检查，已联系用户致歉赔偿。", 5_200_000, "weibo", "zh", reposts=3000)
    subjects = [("配送超时", "{food}超时{n}分钟才送到，申请赔付。", "chat"), ("餐品洒漏", "{food}汤洒了一半。", "chat"),
                ("少送餐品", "点了两份{food}只送了一份。", "chat"), ("退款未到账", "取消的订单退款还没到。", "chat"),
                ("骑手态度差", "骑手把{food}放门口就走了，态度很差。", "phone"), ("红包无法使用", "红包在结算时不能用。", "chat"),
                ("发票问题", "需要开{food}的发票。", "email"), ("商家拒绝退款", "{food}味道不对，商家不给退。", "platform")]
    replies = ["已为您处理，请留意退款。", "抱歉给您带来不便，已反馈商家。", "已补偿红包，请查收。"]
    rec.routine_tickets(r.randint(250, 380), "SD", subjects, replies, lambda g: str(g.randint(2300000000000, 2399999999999)),
                        lambda g: f"U-{g.randint(100000, 999999)}", first=80000)
    neg = rec.at(day0 - 1, 19)
    rec.ticket("SD-87955", neg, "麻辣烫里有头发", "在速达外卖点的麻辣烫里有根头发，恶心，要求退款。",
               [(neg + timedelta(minutes=30), "agent", "message", "已为您全额退款。")], customer="U-220871", order="2301122233445")
    rec.write(out, [{"id": "suda", "name": "速达外卖", "terms": ["速达外卖", "速达"], "official": ["速达外卖"]},
                    {"id": "kuaima", "name": "快马外卖", "terms": ["快马外卖"]}],
              {"topic": "suda", "surge_start": trigger, "incident_end": response + timedelta(days=2), "first_post": trigger,
               "origin_ticket": "SD-88410", "origin_chain": ["SD-88410", "SD-88472"], "hard_negatives": ["SD-87955"]})


# --- telecom-hant ---------------------------------------------------------------------------------

def telecom_hant(seed, out):
    rec = Recording(seed, 8, (2024, 2, 19), 16)
    r = rec.rng
    rec.slots = {"n": [str(i) for i in range(2, 9)], "city": ["台北", "台中", "高雄", "新竹", "台南"]}
    base = r.uniform(3.0, 7.0)
    yt = ["遠通電信在{city}的訊號今天很穩", "遠通電信5G吃到飽方案划算嗎", "遠通電信門市服務人員很親切", "遠通電信又斷線了{n}次",
          "遠通電信的帳單怎麼看不懂", "遠通電信續約送手機，考慮中", "遠通電信客服等了好久", "遠通電信網路今天好慢",
          "远通电信的套餐对比了一下，还行", "遠通電信的國際漫遊很方便"]
    other = ["台灣好電的訊號比較好嗎", "台灣好電客服態度不錯", "台灣好電月租又漲了", "換到台灣好電了，網速還可以"]
    chat = ["今天{city}好冷", "晚餐吃了鹹酥雞", "週末去九份走走", "加班到好晚", "這部劇好好看"]
    rec.chatter(base, yt, "ptt", lambda g: "zh-Hant", [tw_handle])
    rec.chatter(base * 0.6, other, "ptt", "zh-Hant", [tw_handle])
    rec.chatter(2.5, chat, "ptt", "zh-Hant", [tw_handle])
    for day in range(16):
        rec.post(rec.at(day, 12, r.randint(0, 59)), "遠通電信", r.choice(["5G新方案上市，月租599起", "春季續約優惠開跑"]), 880_000, "ptt", "zh-Hant",
                 likes=r.randint(30, 400))
    account = f"09{r.randint(10, 99)}-{r.randint(100, 999)}-{r.randint(100, 999)}"
    day0 = r.randint(7, 8)
    t1 = rec.at(day0, 10, 5)
    rec.ticket("YT-24017", t1, "帳單多扣國際漫遊費8,760元", f"門號{account}，一月帳單出現國際漫遊數據費8,760元，但我整個月都在台灣，從沒出國。請退還。",
               [(t1 + timedelta(hours=3), "agent", "message", "經查詢系統紀錄，費用依使用量計算，無法退費。"),
                (t1 + timedelta(hours=4), "customer", "message", "我有出入境紀錄可以證明沒出國，為什麼不能退？"),
                (t1 + timedelta(hours=22), "agent", "message", "依規定帳單爭議需於繳費期限前提出，本案無法受理。"),
                (t1 + timedelta(hours=23), "system", "status", "案件結案")], status="closed", channel="phone", customer="C-TW-55812", order=account)
    t2 = t1 + timedelta(days=1, hours=6)
    rec.ticket("YT-24088", t2, "申訴：漫遊費爭議拒絕處理", f"門號{account}被多扣8,760元漫遊費，客服拒絕退費。我要向NCC申訴，也會找消保官。",
               [(t2 + timedelta(hours=5), "system", "escalation", "客戶提及NCC申訴與消保官")], status="pending", channel="email",
               customer="C-TW-55812", order=account)
    trigger = rec.at(day0 + r.randint(2, 3), r.randint(19, 21), r.randint(0, 59))
    rec.post(trigger, "阿凱開箱頻道", "遠通電信太扯！觀眾整個月人在台灣，帳單卻被扣8,760元國際漫遊費，客服一句「無法退費」。有出入境紀錄都不認。大家幫忙分享，遠通要給個交代！",
             1_650_000, "ptt", "zh-Hant", reposts=9_300, comments=4_800, likes=52_000)
    response = trigger + timedelta(hours=r.randint(15, 22))
    bank = [("遠通電信也亂扣過我的漫遊費，申訴好久才退", "zh-Hant"), ("沒出國被扣漫遊費？遠通電信太誇張", "zh-Hant"),
            ("分享，遠通電信要給交代", "zh-Hant"), ("直接找NCC申訴啦，遠通電信不會理你", "zh-Hant"),
            ("遠通電信客服只會說無法退費", "zh-Hant"), ("明天就去攜碼，不用遠通電信了", "zh-Hant"),
            ("远通电信乱扣费，太离谱了", "zh"), ("消保官快來看看遠通電信", "zh-Hant"), ("遠通電信的帳單一直都很可疑", "zh-Hant")]
    surge(rec, trigger, r.uniform(60, 150), 1.5, 9, bank, [tw_handle], "ptt", "zh-Hant", response_at=response)
    rec.post(response, "遠通電信", "關於漫遊費爭議：經查為系統計費錯誤，已全額退費並致歉，將全面清查類似帳單。", 880_000, "ptt", "zh-Hant", reposts=1500)
    subjects = [("帳單疑問", "這個月帳單多了{n}百元，請說明。", "phone"), ("訊號不良", "{city}家裡訊號很差。", "chat"),
                ("續約問題", "想續約但方案看不懂。", "chat"), ("手機維修", "手機螢幕壞了，送修進度？", "chat"),
                ("停話申請", "出國{n}個月想暫停門號。", "phone"), ("發票問題", "電子發票沒收到。", "email"),
                ("網路斷線", "家用網路一天斷線{n}次。", "phone"), ("攜碼轉出", "想攜碼轉出，需要什麼文件？", "chat")]
    replies = ["已為您查詢處理，請稍候。", "造成不便，敬請見諒。", "已派工程人員前往。"]
    rec.routine_tickets(r.randint(200, 300), "YT", subjects, replies,
                        lambda g: f"09{g.randint(10, 99)}-{g.randint(100, 999)}-{g.randint(100, 999)}", lambda g: f"C-TW-{g.randint(10000, 99999)}", first=20000)
    neg = rec.at(day0 - 3, 15)
    rec.ticket("YT-23870", neg, "出國漫遊費太貴", "去日本五天漫遊費三千多，能不能減免？",
               [(neg + timedelta(hours=2), "agent", "message", "可為您改用日租方案，差額退回。")], customer="C-TW-31002", order="0955-210-778")
    rec.write(out, [{"id": "yuantong", "name": "遠通電信", "terms": ["遠通電信", "遠通"], "official": ["遠通電信"]},
                    {"id": "haodian", "name": "台灣好電", "terms": ["台灣好電"]}],
              {"topic": "yuantong", "surge_start": trigger, "incident_end": response + timedelta(days=2), "first_post": trigger,
               "origin_ticket": "YT-24017", "origin_chain": ["YT-24017", "YT-24088"], "hard_negatives": ["YT-23870"]})


# --- appliance-news --------------------------------------------------------------------------------

def appliance_news(seed, out):
    rec = Recording(seed, 8, (2023, 12, 4), 16)
    r = rec.rng
    rec.slots = {"p": ["空调", "冰箱", "洗衣机", "电暖器", "热水器", "电饭煲"], "n": [str(i) for i in range(2, 9)]}
    base = r.uniform(3.0, 7.0)
    mj = ["美家电器的{p}用了{n}年还很好", "美家电器{p}打折了", "美家电器售后上门很快", "美家电器的{p}噪音有点大",
          "美家电器和格美电器哪个好", "美家电器{p}安装师傅很专业", "美家电器官方旗舰店发货慢", "美家电器的{p}颜值很高"]
    gm = ["格美电器的{p}不错", "格美电器售后态度好", "格美电器{p}降价了"]
    rec.chatter(base, mj, "weibo", "zh", [zh_handle])
    rec.chatter(base * 0.7, gm, "weibo", "zh", [zh_handle])
    rec.chatter(2.0, ["今天好冷", "周末去滑雪", "年底冲业绩好累"], "weibo", "zh", [zh_handle])
    for day in range(16):
        rec.post(rec.at(day, 10, r.randint(0, 59)), "美家电器", r.choice(["冬季取暖节，电暖器限时优惠", "以旧换新补贴来了"]), 2_700_000, "weibo", "zh",
                 likes=r.randint(50, 800))
    # Several customers report the same heater model over the week; the oldest is the origin.
    model = f"NF-{r.randint(20, 29)}{r.choice('ABC')}"
    origin_day = r.randint(4, 5)
    chain = []
    for k in range(4):
        t = rec.at(origin_day + k, 9 + 3 * k, 10 * k)
        tid = f"MJ-{61000 + k * 7}"
        chain.append(tid)
        rec.ticket(tid, t, f"{model}电暖器插头烧焦" if k == 0 else f"{model}电暖器插座发烫冒烟",
                   f"买的美家电器{model}油汀电暖器，开了两个小时插头烧焦发黑，还有焦糊味，差点着火。要求退货并检测。" if k == 0 else
                   f"家里的美家电器{model}电暖器用着用着插座发烫冒烟，太危险了，是不是有质量问题？",
                   [(t + timedelta(hours=2), "agent", "message", "可能是插座老化导致，建议更换插座后再使用。")],
                   status="solved", channel="phone", customer=f"K-{r.randint(100000, 999999)}", order=f"JDX{r.randint(10**9, 10**10 - 1)}")
    trigger = rec.at(origin_day + 6, r.randint(8, 10), r.randint(0, 59))
    rec.post(trigger, "消费者报道", f"多名消费者反映美家电器{model}电暖器插头烧焦、插座冒烟，客服称“插座老化”。记者调查：该型号或存在过热隐患。",
             3_400_000, "news", "zh", reposts=12_000, comments=5_600, url="https://news.example.com/heater")
    response = trigger + timedelta(hours=r.randint(24, 36))
    bank = [(f"我家也是美家电器{model}，插头也发烫过，吓死了", None), ("美家电器的电暖器烧焦还说是插座老化？", None),
            ("转发提醒家人，美家电器电暖器先别用了", None), ("美家电器必须召回", None), ("找12315投诉美家电器", None),
            ("美家电器电暖器差点着火，太吓人", None), ("美家电器客服甩锅给插座，真行", None)]
    surge(rec, trigger, r.uniform(50, 120), 2.0, 14, bank, [zh_handle], "weibo", "zh", response_at=response)
    rec.post(response, "美家电器", f"关于{model}电暖器：即日起主动召回该批次产品，免费更换，并向受影响用户致歉。", 2_700_000, "weibo", "zh", reposts=4000)
    subjects = [("{p}不制冷", "{p}用了{n}天就不工作了。", "phone"), ("预约安装", "{p}需要预约安装。", "phone"),
                ("{p}噪音大", "{p}声音很大，能换吗？", "chat"), ("发票", "{p}发票抬头开错了。", "email"),
                ("电暖器不热", "电暖器开了半天不热。", "chat"), ("遥控器失灵", "{p}遥控器没反应。", "chat")]
    replies = ["已为您安排师傅上门。", "已登记，请保持电话畅通。", "已为您办理换货。"]
    rec.routine_tickets(r.randint(200, 300), "MJ", subjects, replies, lambda g: f"JDX{g.randint(10**9, 10**10 - 1)}",
                        lambda g: f"K-{g.randint(100000, 999999)}", first=50000)
    neg = rec.at(origin_day - 1, 16)
    rec.ticket("MJ-60890", neg, "电暖器外壳划痕", f"收到的{model}电暖器外壳有划痕，申请换货。",
               [(neg + timedelta(hours=1), "agent", "message", "已为您办理换货。")], customer="K-118273", order="JDX5521873310")
    rec.write(out, [{"id": "meijia", "name": "美家电器", "terms": ["美家电器", "美家"], "official": ["美家电器"]},
                    {"id": "gemei", "name": "格美电器", "terms": ["格美电器", "格美"]}],
              {"topic": "meijia", "surge_start": trigger, "incident_end": response + timedelta(days=2), "first_post": trigger,
               "origin_ticket": chain[0], "origin_chain": chain, "hard_negatives": ["MJ-60890"]})


# --- bigbrand-zh ---------------------------------------------------------------------------------

def bigbrand_zh(seed, out):
    """A busy, bursty brand (hundreds of posts an hour) and a complaint story that is large for a
    person but modest for the brand, carried by a 600 k-follower account (below the influencer
    rule): detection must come from volume against an over-dispersed baseline."""
    rec = Recording(seed, 8, (2024, 4, 1), 15)
    r = rec.rng
    rec.slots = {"p": ["耳机", "手机壳", "零食", "洗发水", "T恤", "充电宝", "咖啡豆"], "n": [str(i) for i in range(2, 9)]}
    noise = {}
    def bursty(t):   # an hour-by-hour factor: busy topics vary far more than Poisson
        key = (t.day, t.hour)
        if key not in noise:
            noise[key] = math.exp(r.gauss(0, 0.35))
        return noise[key]
    bank = ["快乐购的{p}到了，质量不错", "快乐购今天有什么秒杀", "在快乐购买了{p}，包装很好", "快乐购的{p}比别家便宜",
            "快乐购直播间好热闹", "快乐购物流今天有点慢", "快乐购的会员日又来了", "快乐购上的{p}评价两极分化",
            "快乐购客服回复挺快的", "快乐购的{p}退货很方便", "快乐购首页改版了", "快乐购的优惠券领了吗"]
    rec.chatter(r.uniform(150, 260), bank, "weibo", "zh", [zh_handle], shape=bursty)
    rec.chatter(r.uniform(40, 80), ["拼拼乐的{p}便宜", "拼拼乐砍价又失败了", "拼拼乐发货挺快"], "weibo", "zh", [zh_handle], shape=bursty)
    day0 = r.randint(7, 8)
    t1 = rec.at(day0, 20, 10)
    order = f"KL{r.randint(10**9, 10**10 - 1)}"
    rec.ticket("KL-40012", t1, "账户被盗刷三笔", f"我的快乐购账户昨晚被下单三笔，共4,899元，我本人没有操作。订单{order}。请立即冻结并退款。",
               [(t1 + timedelta(hours=1), "agent", "message", "经核实订单由您的账户正常登录下单，无法退款。"),
                (t1 + timedelta(hours=2), "customer", "message", "我收到了异地登录提醒，明显是被盗号，你们系统有漏洞。"),
                (t1 + timedelta(hours=30), "system", "status", "工单已关闭")], status="closed", customer="KU-88120", order=order)
    t2 = t1 + timedelta(days=1, hours=3)
    rec.ticket("KL-40101", t2, "投诉：盗刷不退款", f"订单{order}被盗刷4,899元，客服说正常登录不退款。我已经报警，也会找媒体。",
               [(t2 + timedelta(hours=2), "system", "escalation", "客户已报警并提及媒体")], status="pending", channel="platform",
               customer="KU-88120", order=order)
    trigger = rec.at(day0 + 3, r.randint(10, 15), r.randint(0, 59))
    rec.post(trigger, "数码维权君", "快乐购用户账户被盗刷4,899元，客服一句“正常登录无法退款”。评论区已经有几十个人说遇到同样的事，快乐购账户安全出问题了吗？",
             600_000, "weibo", "zh", reposts=3_200, comments=2_100)
    burst = [("我的快乐购账户也被盗刷了，客服说正常登录", None), ("快乐购被盗刷不退款，太离谱", None), ("快乐购账户安全谁负责？", None),
             ("刚查了快乐购，有异地登录记录，吓死", None), ("快乐购盗刷，报警了", None), ("快乐购客服只会说正常登录", None),
             ("赶紧改快乐购密码", None), ("快乐购必须给个说法，盗刷不退款", None)]
    surge(rec, trigger, r.uniform(80, 140), 1.5, 8, burst, [zh_handle], "weibo", "zh", response_at=trigger + timedelta(hours=20))
    subjects = [("物流慢", "{p}三天没动静。", "chat"), ("退货", "{p}不合适想退。", "chat"), ("发票", "{p}发票怎么开。", "email"),
                ("优惠券", "优惠券用不了。", "chat"), ("账户登录", "忘记密码了，登录不上。", "chat"), ("商品破损", "{p}到手破了。", "chat")]
    rec.routine_tickets(r.randint(400, 600), "KL", subjects, ["已处理。", "已为您登记。"], lambda g: f"KL{g.randint(10**9, 10**10 - 1)}",
                        lambda g: f"KU-{g.randint(10000, 99999)}", first=50000)
    rec.write(out, [{"id": "kuailego", "name": "快乐购", "terms": ["快乐购"]}, {"id": "pinpinle", "name": "拼拼乐", "terms": ["拼拼乐"]}],
              {"topic": "kuailego", "surge_start": trigger, "incident_end": trigger + timedelta(days=3), "first_post": trigger,
               "origin_ticket": "KL-40012", "origin_chain": ["KL-40012", "KL-40101"], "hard_negatives": []})


# --- outage-en -----------------------------------------------------------------------------------

def outage_en(seed, out):
    """A bank's app goes down: support hears of it first (a flood of login tickets), then posts
    pile up. The story's tickets are the outage's; the origin is the first of them."""
    rec = Recording(seed, 1, (2024, 10, 7), 14)
    r = rec.rng
    rec.slots = {"n": [str(i) for i in range(2, 9)]}
    rec.chatter(r.uniform(4, 9), ["Acme Bank app is so smooth now", "Paid my rent with Acme Bank in two taps", "Acme Bank savings rate went up",
                                  "Acme Bank branch queue was long today", "Acme Bank card arrived", "Anyone use Acme Bank for a mortgage?",
                                  "Acme Bank fees are annoying"], "mastodon", "en", [en_handle])
    rec.chatter(r.uniform(2, 5), ["Beacon Bank app update is nice", "Beacon Bank support was helpful"], "mastodon", "en", [en_handle])
    day0 = r.randint(7, 9)
    down = rec.at(day0, r.randint(8, 10), r.randint(0, 59))
    tickets = []
    for k in range(r.randint(25, 40)):
        at = down + timedelta(minutes=2 + k * r.uniform(1.5, 4))
        tid = f"AB-{7100 + k}"
        tickets.append(tid)
        rec.ticket(tid, at, r.choice(["Cannot log in to the app", "App says service unavailable", "Login fails with error 503"]),
                   r.choice(["The Acme Bank app won't let me log in, it says service unavailable.", "I get error 503 when I try to log in and I need to pay a bill today.",
                             "Your app has been down for a while, I cannot see my balance."]),
                   [(at + timedelta(minutes=30), "agent", "message", "We are aware of an issue with the app and are working on it.")],
                   status="solved", channel="chat", customer=f"AC-{r.randint(10000, 99999)}")
    trigger = down + timedelta(minutes=r.randint(15, 25))
    rec.post(trigger, en_handle(r), "Acme Bank app won't let me log in, anyone else?", rec.followers(), "mastodon", "en")
    bank = [("Is the Acme Bank app down? Can't log in", None), ("Acme Bank app down again, error 503", None),
            ("Acme Bank I need to pay rent today and your app is dead", None), ("Acme Bank outage, great timing on payday", None),
            ("Still can't log in to Acme Bank. Unacceptable", None), ("Acme Bank please fix your app", None)]
    surge(rec, trigger, r.uniform(150, 300), 0.4, 1.0, bank, [en_handle], "mastodon", "en", response_at=trigger + timedelta(hours=3))
    rec.post(trigger + timedelta(hours=3), "AcmeBank", "Our app is back. We're sorry for the disruption this morning.", 450_000, "mastodon", "en")
    subjects = [("Card declined", "My card was declined at a store.", "chat"), ("Fee question", "Why was I charged a monthly fee?", "email"),
                ("Address change", "I moved and need to update my address.", "chat"), ("Password reset", "I forgot my password.", "chat")]
    rec.routine_tickets(r.randint(150, 250), "AB", subjects, ["Done, thanks.", "We've updated it."], lambda g: f"ACC{g.randint(10**6, 10**7 - 1)}",
                        lambda g: f"AC-{g.randint(10000, 99999)}", first=20000)
    rec.write(out, [{"id": "acme", "name": "Acme Bank", "terms": ["acme bank"], "official": ["AcmeBank"]},
                    {"id": "beacon", "name": "Beacon Bank", "terms": ["beacon bank"]}],
              {"topic": "acme", "surge_start": trigger, "incident_end": trigger + timedelta(days=1), "first_post": trigger,
               "origin_ticket": tickets[0], "origin_chain": tickets, "hard_negatives": []})


# --- no incident ---------------------------------------------------------------------------------

def promo_none(seed, out):
    rec = Recording(seed, 8, (2024, 3, 4), 14)
    r = rec.rng
    rec.slots = {"p": ["口红", "面霜", "香水", "眼影"], "n": [str(i) for i in range(2, 9)]}
    base = r.uniform(4.0, 9.0)
    bank = ["花漾美妆的{p}好用", "花漾美妆{p}打折", "花漾美妆客服回复慢", "花漾美妆的{p}有点贵", "花漾美妆发货挺快",
            "花漾美妆{p}过敏了，停用", "花漾美妆新品{p}试色"]
    rec.chatter(base, bank, "weibo", "zh", [zh_handle])
    rec.chatter(base * 0.5, ["雅韵{p}不错", "雅韵{p}缺货了"], "weibo", "zh", [zh_handle])
    star = rec.at(r.randint(6, 9), 20, r.randint(0, 59))
    rec.post(star, "顶流明星L", "最近一直在用花漾美妆的新款口红，颜色太好看了，推荐给大家！", 28_000_000, "weibo", "zh", reposts=80_000, comments=50_000, likes=900_000)
    fan = [("花漾美妆口红同款已下单！", None), ("哥哥推荐的花漾美妆必须买", None), ("花漾美妆官方快补货", None),
           ("花漾美妆口红颜色真的好看", None), ("为了哥哥买花漾美妆", None), ("花漾美妆抢不到，哭了", None)]
    surge(rec, star, r.uniform(100, 220), 0.8, 5, fan, [zh_handle], "weibo", "zh")
    outage = star + timedelta(days=2, hours=r.randint(1, 5))
    rec.chatter(1.0, ["花漾美妆APP打不开了？", "花漾美妆付款一直失败", "花漾美妆服务器崩了吗"], "weibo", "zh", [zh_handle],
                shape=lambda t: 12.0 if outage <= t < outage + timedelta(minutes=50) else 0.0)
    subjects = [("{p}过敏", "用了{p}脸上起疹子。", "chat"), ("物流慢", "{p}三天没发货。", "chat"), ("退货", "{p}颜色不喜欢想退。", "chat")]
    rec.routine_tickets(r.randint(120, 200), "HY", subjects, ["已为您处理。", "抱歉，已登记。"], lambda g: str(g.randint(10**11, 10**12 - 1)),
                        lambda g: f"M-{g.randint(10000, 99999)}")
    rec.write(out, [{"id": "huayang", "name": "花漾美妆", "terms": ["花漾美妆", "花漾"]}, {"id": "yayun", "name": "雅韵", "terms": ["雅韵"]}],
              {"topic": None, "loud_events": [iso(star), iso(outage)]})


def quiet_none(seed, out):
    rec = Recording(seed, 0, (2024, 6, 3), 14)
    r = rec.rng
    rec.slots = {"n": [str(i) for i in range(2, 9)]}
    topics = []
    for name, rate in [("Acme Bank", r.uniform(2, 6)), ("Brightline Energy", r.uniform(1, 4)), ("Zephyr Phones", r.uniform(4, 9)),
                       ("Orbit Mart", r.uniform(0.3, 1.5))]:
        rec.chatter(rate, [f"{name} app updated again", f"Anyone else on hold with {name} for {{n}}0 minutes?",
                           f"{name} did a great job today", f"Switching away from {name}, prices keep going up",
                           f"{name} customer support fixed it in {{n}} minutes", f"Is {name} down or is it just me?"],
                    r.choice(["reddit", "mastodon", "bluesky"]), "en", [en_handle])
        topics.append({"id": name.split()[0].lower(), "name": name, "terms": [name.lower()]})
    subjects = [("Card declined", "My card was declined twice today.", "chat"), ("Billing question", "Why is my bill higher?", "email")]
    rec.routine_tickets(150, "QT", subjects, ["We're on it."], lambda g: f"A{g.randint(10**6, 10**7 - 1)}", lambda g: f"Q-{g.randint(1000, 9999)}")
    rec.write(out, topics, {"topic": None})


KINDS = {"airline-en": airline_en, "delivery-zh": delivery_zh, "telecom-hant": telecom_hant, "appliance-news": appliance_news,
         "bigbrand-zh": bigbrand_zh, "outage-en": outage_en, "promo-none": promo_none, "quiet-none": quiet_none}
SEEDS = [11, 23]

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for kind, make in KINDS.items():
        for seed in SEEDS:
            make(seed * 1000 + sum(map(ord, kind)), os.path.join(sys.argv[1], f"{kind}-{seed}"))
    print(f"{len(KINDS) * len(SEEDS)} recordings -> {sys.argv[1]}")
