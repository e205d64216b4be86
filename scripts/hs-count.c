/* hs-count PATTERNS < CORPUS: the number of lines holding at least one of the literal patterns
 * (one per line in PATTERNS), found by Hyperscan (Debian's libhyperscan-dev). The matcher
 * benchmark's peer beside grep -F and pyahocorasick; `make bench` compiles it with
 *   cc -O2 -o hs-count scripts/hs-count.c -lhs
 * Patterns are compiled as literals (hs_compile_lit_multi) in block mode with SINGLEMATCH; each
 * line is scanned on its own and the scan stops at its first match, as `grep -c` counts. */
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *slurp(FILE *f, size_t *len) {
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    for (size_t r; buf && (r = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += r;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    *len = n;
    return buf;
}

static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)id; (void)from; (void)to; (void)flags;
    *(int *)ctx = 1;
    return 1; /* stop: one match decides the line */
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: hs-count PATTERNS < CORPUS\n"); return 2; }
    FILE *pf = fopen(argv[1], "rb");
    if (!pf) { perror(argv[1]); return 2; }
    size_t plen;
    char *pbuf = slurp(pf, &plen);
    fclose(pf);
    size_t cap = 1024, count = 0;
    const char **exprs = malloc(cap * sizeof *exprs);
    size_t *lens = malloc(cap * sizeof *lens);
    for (char *p = pbuf, *end = pbuf + plen; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = (size_t)((nl ? nl : end) - p);
        if (l > 0 && p[l - 1] == '\r') l--;
        if (l > 0) {
            if (count == cap) { cap *= 2; exprs = realloc(exprs, cap * sizeof *exprs); lens = realloc(lens, cap * sizeof *lens); }
            exprs[count] = p; lens[count] = l; count++;
        }
        p = nl ? nl + 1 : end;
    }
    unsigned *flags = malloc(count * sizeof *flags), *ids = malloc(count * sizeof *ids);
    for (size_t i = 0; i < count; i++) { flags[i] = HS_FLAG_SINGLEMATCH; ids[i] = (unsigned)i; }
    hs_database_t *db;
    hs_compile_error_t *err;
    if (hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)count, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
        fprintf(stderr, "hs-count: %s\n", err->message);
        return 1;
    }
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) { fprintf(stderr, "hs-count: scratch\n"); return 1; }
    size_t len;
    char *text = slurp(stdin, &len);
    long lines = 0;
    for (char *p = text, *end = text + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = (size_t)((nl ? nl : end) - p);
        int hit = 0;
        hs_error_t rc = hs_scan(db, p, (unsigned)l, 0, scratch, on_match, &hit);
        if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) { fprintf(stderr, "hs-count: scan %d\n", rc); return 1; }
        lines += hit;
        p = nl ? nl + 1 : end;
    }
    printf("%ld\n", lines);
    return 0;
}
