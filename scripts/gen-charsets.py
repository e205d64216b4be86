#!/usr/bin/env python3
"""Writes the charset registry a feed's declared encoding is resolved through
(Sources/OutcryCharsets/CharsetTables.swift) and the decodings the tests hold it to
(Tests/Fixtures/charsets/decodings.json).

Names resolve the way Python resolves them, because feedparser (the contract's model) decodes
with Python's codecs: every alias of Python's `encodings.aliases` and every codec module name,
plus the labels of the WHATWG Encoding Standard that browsers accept and Python does not
(`ks_c_5601-1987`, `x-sjis`, `windows-874` …), each to a Python codec. A codec is decoded by
glibc's iconv when an iconv converter decodes exactly as Python does — every byte of a
single-byte codec, a sample of text for a multi-byte one — and otherwise, single-byte only, from
a 256-entry table taken from Python here (Mac Greek, Mac Turkish, KZ-1048 … that iconv lacks or
maps differently). The tables are the Unicode Consortium's published mappings as Python ships
them; the script is the provenance and regenerates both files byte for byte.

Usage: python3 scripts/gen-charsets.py   (from the repository root; needs glibc iconv)
"""
import codecs
import encodings
import encodings.aliases
import json
import os
import pkgutil
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWIFT = os.path.join(ROOT, "Sources/OutcryCharsets/CharsetTables.swift")
FIXTURE = os.path.join(ROOT, "Tests/Fixtures/charsets/decodings.json")

NOT_TEXT = {"charmap", "idna", "punycode", "raw_unicode_escape", "unicode_escape", "undefined", "mbcs", "oem"}
MULTI_BYTE = {
    # Python codec -> iconv converters to try, superset first (a superset decodes every valid
    # document of the codec the same way, and the documents that say one name and mean the
    # larger one — GBK declared as GB2312, Windows-949 as EUC-KR — as browsers do).
    "big5": ["BIG5"], "big5hkscs": ["BIG5-HKSCS"], "cp932": ["CP932"], "cp949": ["CP949"], "cp950": ["CP950", "BIG5"],
    "euc_jis_2004": ["EUC-JISX0213"], "euc_jisx0213": ["EUC-JISX0213"], "euc_jp": ["EUC-JP"], "euc_kr": ["CP949", "EUC-KR"],
    "gb18030": ["GB18030"], "gb2312": ["GB18030"], "gbk": ["GB18030"], "hz": ["HZ"], "johab": ["JOHAB"],
    "iso2022_jp": ["ISO-2022-JP"], "iso2022_jp_1": ["ISO-2022-JP-2"], "iso2022_jp_2": ["ISO-2022-JP-2"],
    "iso2022_jp_2004": ["ISO-2022-JP-3"], "iso2022_jp_3": ["ISO-2022-JP-3"], "iso2022_jp_ext": ["ISO-2022-JP-2"],
    "iso2022_kr": ["ISO-2022-KR"], "shift_jis": ["CP932", "SHIFT_JIS"], "shift_jis_2004": ["SHIFT_JISX0213"],
    "shift_jisx0213": ["SHIFT_JISX0213"], "utf_16": ["UTF-16"], "utf_16_be": ["UTF-16BE"], "utf_16_le": ["UTF-16LE"],
    "utf_32": ["UTF-32"], "utf_32_be": ["UTF-32BE"], "utf_32_le": ["UTF-32LE"], "utf_7": ["UTF-7"],
}
# Decoded in Swift without iconv.
NATIVE = {"utf_8": "utf8", "utf_8_sig": "utf8", "ascii": "ascii"}
# WHATWG Encoding Standard labels Python does not know, to the Python codec that decodes them.
WHATWG = {
    "unicode-1-1-utf-8": "utf_8", "unicode11utf8": "utf_8", "unicode20utf8": "utf_8", "x-unicode20utf8": "utf_8",
    "866": "cp866", "csibm866": "cp866", "ibm866": "cp866",
    "csisolatin2": "iso8859_2", "iso-ir-101": "iso8859_2", "csisolatin3": "iso8859_3", "iso-ir-109": "iso8859_3",
    "csisolatin4": "iso8859_4", "iso-ir-110": "iso8859_4", "csisolatincyrillic": "iso8859_5", "iso-ir-144": "iso8859_5",
    "arabic": "iso8859_6", "asmo-708": "iso8859_6", "csiso88596e": "iso8859_6", "csiso88596i": "iso8859_6",
    "csisolatinarabic": "iso8859_6", "ecma-114": "iso8859_6", "iso-8859-6-e": "iso8859_6", "iso-8859-6-i": "iso8859_6",
    "iso-ir-127": "iso8859_6", "csisolatingreek": "iso8859_7", "ecma-118": "iso8859_7", "elot_928": "iso8859_7",
    "greek8": "iso8859_7", "iso-ir-126": "iso8859_7", "sun_eu_greek": "iso8859_7", "csiso88598e": "iso8859_8",
    "csisolatinhebrew": "iso8859_8", "iso-8859-8-e": "iso8859_8", "iso-ir-138": "iso8859_8", "visual": "iso8859_8",
    "csiso88598i": "iso8859_8", "iso-8859-8-i": "iso8859_8", "logical": "iso8859_8", "csisolatin6": "iso8859_10",
    "iso-ir-157": "iso8859_10", "iso885915": "iso8859_15", "csisolatin9": "iso8859_15", "cskoi8r": "koi8_r",
    "koi": "koi8_r", "koi8": "koi8_r", "koi8-ru": "koi8_u", "csmacintosh": "mac_roman", "mac": "mac_roman",
    "x-mac-roman": "mac_roman", "x-mac-cyrillic": "mac_cyrillic", "x-mac-ukrainian": "mac_cyrillic",
    "dos-874": "cp874", "iso-8859-11": "cp874", "iso8859-11": "cp874", "iso885911": "cp874", "tis-620": "cp874",
    "windows-874": "cp874", "x-cp1250": "cp1250", "x-cp1251": "cp1251", "x-cp1252": "cp1252", "x-cp1253": "cp1253",
    "x-cp1254": "cp1254", "x-cp1255": "cp1255", "x-cp1256": "cp1256", "x-cp1257": "cp1257", "x-cp1258": "cp1258",
    "chinese": "gbk", "csgb2312": "gbk", "csiso58gb231280": "gbk", "gb_2312": "gbk", "gb_2312-80": "gbk",
    "iso-ir-58": "gbk", "x-gbk": "gbk", "big5-hkscs": "big5hkscs", "cn-big5": "big5", "x-x-big5": "big5",
    "cseucpkdfmtjapanese": "euc_jp", "x-euc-jp": "euc_jp", "csiso2022jp": "iso2022_jp", "csshiftjis": "shift_jis",
    "ms932": "cp932", "ms_kanji": "cp932", "windows-31j": "cp932", "x-sjis": "shift_jis", "cseuckr": "euc_kr",
    "csksc56011987": "euc_kr", "iso-ir-149": "euc_kr", "ks_c_5601-1989": "euc_kr", "windows-949": "cp949",
    "unicodefffe": "utf_16_be", "csunicode": "utf_16", "iso-10646-ucs-2": "utf_16", "ucs-2": "utf_16",
    "unicode": "utf_16", "unicodefeff": "utf_16_le",
}
# Python's own meaning wins where the two differ (feedparser decodes `ascii` as ASCII and
# `iso-8859-1` as Latin-1, where WHATWG says Windows-1252); only labels Python lacks are added.
# And the names XML declarations use for UCS and a Mac label of Microsoft's.
OTHER = {"iso-10646-ucs-4": "utf_32", "csucs4": "utf_32", "ucs-4": "utf_32", "x-mac-ce": "mac_latin2"}

# What a multi-byte converter must decode as Python does: ASCII (a backslash is a yen sign in
# some Shift_JIS converters) and the codec's own script; the fringes of the legacy sets (kana
# in Big5, symbols mapped to full-width forms) differ between vendors and are not held to it.
ASCII_SAMPLE = "Outcry \\ ~ <item> & 2018 "
SCRIPT_SAMPLE = {"big5": "京東無賴，非質量問題不退貨", "cp950": "京東無賴，非質量問題不退貨", "big5hkscs": "京東無賴，非質量問題不退貨",
                 "gb": "京东无赖，非质量问题不退货", "hz": "京东无赖，非质量问题不退货",
                 "jp": "東京の店で買った枕、カスタマー", "shift": "東京の店で買った枕、カスタマー", "cp932": "東京の店で買った枕、カスタマー",
                 "euc_j": "東京の店で買った枕、カスタマー", "iso2022_jp": "東京の店で買った枕、カスタマー",
                 "euc_kr": "한국어 고객센터 불만", "cp949": "한국어 고객센터 불만", "johab": "한국어 고객센터 불만",
                 "iso2022_kr": "한국어 고객센터 불만", "utf": "京东 東京の店 한국어 Ελληνικά кириллица € 😀"}


def normalize(label):
    """Python's `encodings.normalize_encoding`, lowercased; the Swift side folds the same way."""
    out, punct = [], False
    for c in label.lower():
        if (c.isascii() and c.isalnum()) or c == ".":
            if punct and out:
                out.append("_")
            out.append(c)
            punct = False
        else:
            punct = True
    return "".join(out)


def iconv(data, name):
    p = subprocess.run(["iconv", "-f", name, "-t", "UTF-8"], input=data, capture_output=True)
    return p.stdout.decode("utf-8") if p.returncode == 0 else None


def byte_map(codec):
    """Each byte's character under `codec`, None where the codec leaves it undefined."""
    out = []
    for b in range(256):
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(None)
    return out


def iconv_candidates(codec):
    names = [codec] + [a for a, c in encodings.aliases.aliases.items() if c == codec]
    seen, out = set(), []
    for n in names:
        for v in (n.upper().replace("_", "-"), n.upper().replace("_", "")):
            if v not in seen:
                seen.add(v)
                out.append(v)
        digits = "".join(ch for ch in n if ch.isdigit())
        if n.startswith("cp") and digits:
            for v in ("IBM" + digits, "CP" + digits):
                if v not in seen:
                    seen.add(v)
                    out.append(v)
    return out


def single_byte_iconv(codec, mapping):
    for name in iconv_candidates(codec):
        if all(iconv(bytes([b]), name) == mapping[b] for b in range(256)):
            return name
    return None


def multi_byte_iconv(codec):
    script = next(v for k, v in sorted(SCRIPT_SAMPLE.items(), key=lambda kv: -len(kv[0])) if codec.startswith(k))
    text = ASCII_SAMPLE + script
    data = text.encode(codec)
    for name in MULTI_BYTE[codec]:
        if iconv(data, name) == text:
            return name, data, text
    return None, data, text


FEED = '<?xml version="1.0" encoding="{label}"?><rss version="2.0"><channel><title>{text}</title></channel></rss>'


def printable(c):
    """A character a feed title keeps as it is: no control, format or space character, no markup."""
    return c.isprintable() and not c.isspace() and c not in "<>&\"'"


def case(codec, labels, text):
    """A test case: a feed title in `codec` under each of its labels. For a codec that reads
    ASCII as ASCII, the title's bytes (the test puts them in an ASCII feed declaring each
    label); otherwise (EBCDIC) the whole feed in the codec, one per label, which the test
    serves with the label as its HTTP charset (the declaration of an EBCDIC feed is readable
    only in the EBCDIC variant feedparser sniffs, cp037)."""
    wrapper = FEED.format(label=labels[0], text="")
    if wrapper.encode("ascii").decode(codec, errors="replace") == wrapper:
        return {"codec": codec, "labels": labels, "text": text, "title_hex": text.encode(codec).hex()}
    return {"codec": codec, "labels": labels, "text": text,
            "documents_hex": {label: FEED.format(label=label, text=text).encode(codec).hex() for label in labels}}


def main():
    codecs_ = []
    for m in sorted(m.name for m in pkgutil.iter_modules(encodings.__path__)):
        try:
            info = codecs.lookup(m)
        except LookupError:
            continue
        if m in NOT_TEXT or not getattr(info, "_is_text_encoding", True) or m != info.name.replace("-", "_"):
            continue
        codecs_.append(m)

    labels = {}
    for codec in codecs_:
        labels[normalize(codec)] = codec
    for alias, codec in encodings.aliases.aliases.items():
        try:
            codec = codecs.lookup(codec).name.replace("-", "_")
        except LookupError:   # mbcs and oem exist on Windows only
            continue
        if codec in codecs_:
            labels.setdefault(normalize(alias), codec)
    for label, codec in {**WHATWG, **OTHER}.items():
        labels.setdefault(normalize(label), codec)

    decoders, tables, fixture, unsupported = {}, [], [], []
    for codec in codecs_:
        names = sorted(k for k, v in labels.items() if v == codec)
        if codec in NATIVE:
            decoders[codec] = f".{NATIVE[codec]}"
            continue
        if codec in MULTI_BYTE:
            name, data, text = multi_byte_iconv(codec)
            if name is None:   # glibc has no HZ; its Johab and JIS X 0213 differ from Python's on ASCII
                unsupported.append(codec)
                for label in names:
                    del labels[label]
                continue
            decoders[codec] = f'.iconv("{name}")'
            if not codec.startswith("utf"):
                fixture.append(case(codec, names, "".join(c for c in text if c not in "<>&").strip()))
            continue
        mapping = byte_map(codec)
        defined = bytes(b for b in range(256) if mapping[b] is not None and (b >= 0x80 or mapping[b] != chr(b)))
        fixture.append(case(codec, names, "".join(c for c in defined.decode(codec) if printable(c))))
        name = single_byte_iconv(codec, mapping)
        if name:
            decoders[codec] = f'.iconv("{name}")'
        else:
            assert all(c is None or len(c) == 1 and ord(c) < 0xFFFF for c in mapping), codec
            decoders[codec] = f".table({len(tables)})"
            units = [0xFFFF if c is None else ord(c) for c in mapping]
            tables.append((codec, units[128:] if units[:128] == list(range(128)) else units))

    lines = ["// Generated by scripts/gen-charsets.py from Python's codecs and the WHATWG Encoding Standard's",
             "// labels; do not edit. The single-byte tables are the Unicode Consortium's mappings as Python ships them.",
             "", "extension CharsetRegistry {",
             "    /// Every label, folded as ``fold(_:)`` folds it, to its Python codec.",
             "    static let labels: [String: String] = ["]
    lines += [f'        "{k}": "{v}",' for k, v in sorted(labels.items())]
    lines += ["    ]", "", "    /// How each Python codec is decoded here.", "    static let decoders: [String: Charset] = ["]
    lines += [f'        "{k}": {v},' for k, v in sorted(decoders.items())]
    lines += ["    ]", "", "    /// Single-byte codecs iconv lacks or maps differently: each byte's UTF-16 unit, FFFF where",
              "    /// undefined; 128 entries (bytes 80-FF) where the codec reads the low half as ASCII, else 256.",
              "    static let tables: [[UInt16]] = ["]
    for codec, table in tables:
        lines.append(f"        // {codec}")
        lines.append("        [")
        for row in range(0, len(table), 16):
            lines.append("            " + ", ".join(f"0x{v:04X}" for v in table[row:row + 16]) + ",")
        lines.append("        ],")
    lines += ["    ]", "}", ""]
    with open(SWIFT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print(f"{len(labels)} labels, {len(codecs_)} codecs, {sum(1 for v in decoders.values() if v.startswith('.iconv'))} through iconv, "
          f"{len(tables)} tables: {', '.join(c for c, _ in tables)}; not decoded: {', '.join(unsupported) or 'none'}")


if __name__ == "__main__":
    main()
