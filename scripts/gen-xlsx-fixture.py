#!/usr/bin/env python3
"""Writes Tests/Fixtures/tickets/gongdan.xlsx: the 工单 export of gongdan.csv as a spreadsheet
saves it — shared strings (one in rich-text runs, one with a phonetic guide that is not text),
an inline string, the order number as a number, times as date serials under a custom and a
built-in date format, an empty cell left out, and a first sheet that is not sheet1.xml; and
gongdan-summary-first.xlsx: the same tickets on a second sheet, under a title row, after a notes sheet.
Deterministic (fixed ZIP timestamps).  Usage: python3 scripts/gen-xlsx-fixture.py
"""
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests/Fixtures/tickets/gongdan.xlsx")
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

strings = ["工单编号", "标题", "工单状态", "渠道", "客户", "订单号", "创建时间", "问题描述",
           "GD-1047", None, "已处理", "在线", "buyer_wang", "买的是 Comfort U 护腰枕，收到的是 Contour U。\n客服说非质量问题不退货",
           "GD-1063", "投诉商家拒绝退货", "处理中", "平台"]
si = []
for s in strings:
    if s is None:   # 收到的枕头型号不对, in two rich-text runs
        si.append('<si><r><rPr><b/></rPr><t>收到的枕头</t></r><r><t>型号不对</t></r></si>')
    elif s == "buyer_wang":   # a phonetic guide (furigana) is not part of the text
        si.append('<si><t>buyer_wang</t><rPh sb="0" eb="5"><t>バイヤー</t></rPh></si>')
    else:
        si.append('<si><t xml:space="preserve">%s</t></si>' % s)
shared = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst %s count="%d" uniqueCount="%d">%s</sst>' % (NS, len(si), len(si), "".join(si))


def cell(ref, value, kind="s", style=None):
    s = ' s="%d"' % style if style is not None else ""
    if kind == "inline":
        return '<c r="%s" t="inlineStr"%s><is><t>%s</t></is></c>' % (ref, s, value)
    t = ' t="%s"' % kind if kind != "n" else ""
    return '<c r="%s"%s%s><v>%s</v></c>' % (ref, t, s, value)


# 2018-03-06 10:12 and 2018-03-08 19:40 as Excel serials (days since 1899-12-30).
rows = [
    [cell("%s1" % c, i) for i, c in enumerate("ABCDEFGH")],
    [cell("A2", 8), cell("B2", 9), cell("C2", 10), cell("D2", 11), cell("E2", 12), cell("F2", 723504118, "n"),
     cell("G2", 43165.425, "n", 1), cell("H2", 13)],
    [cell("A3", 14), cell("B3", 15), cell("C3", 16), cell("D3", 17), cell("E3", "buyer_wang", "inline"),
     cell("F3", 723504118, "n"), cell("G3", 43167.81944444444, "n", 2), cell("H3", "发错货且拒绝退货", "inline")],
    [],   # an empty row: skipped like a blank line
]
sheet = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s %s><sheetData>%s</sheetData></worksheet>' % (
    NS, REL, "".join('<row r="%d">%s</row>' % (i + 1, "".join(r)) for i, r in enumerate(rows) if r))
styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet %s>'
          '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d\\ h:mm;@"/></numFmts>'
          '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs>'
          '</styleSheet>') % NS
workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s %s><workbookPr/>'
            '<sheets><sheet name="工单" sheetId="1" r:id="rId7"/><sheet name="说明" sheetId="2" r:id="rId8"/></sheets></workbook>') % (NS, REL)
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/tickets.xml"/>'
        '</Relationships>')
notes = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not the tickets</t></is></c></row></sheetData></worksheet>' % NS

# The same tickets as many helpdesks lay a workbook out: a summary sheet first, and the tickets on
# the second under a title row (so every ticket row is one further down).
titled = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s %s><sheetData>%s</sheetData></worksheet>' % (
    NS, REL, '<row r="1"><c r="A1" t="inlineStr"><is><t>工单导出 2018-03-18</t></is></c></row>' + "".join(
        '<row r="%d">%s</row>' % (i + 2, "".join(r).replace('%d"' % (i + 1), '%d"' % (i + 2))) for i, r in enumerate(rows) if r))
summary_first = workbook.replace('<sheet name="工单" sheetId="1" r:id="rId7"/><sheet name="说明" sheetId="2" r:id="rId8"/>',
                                 '<sheet name="说明" sheetId="2" r:id="rId8"/><sheet name="工单明细" sheetId="1" r:id="rId7"/>')


def write(out, workbook, tickets):
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels), ("xl/styles.xml", styles),
                           ("xl/sharedStrings.xml", shared), ("xl/worksheets/tickets.xml", tickets), ("xl/worksheets/sheet1.xml", notes)]:
            info = zipfile.ZipInfo(name, date_time=(2018, 3, 10, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    print(out)


write(OUT, workbook, sheet)
write(OUT.replace("gongdan.xlsx", "gongdan-summary-first.xlsx"), summary_first, titled)
