#ifndef OUTCRY_CCURL_SHIM_H
#define OUTCRY_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt / curl_easy_getinfo are variadic; Swift needs typed wrappers. */
static inline CURLcode curlx_set_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode curlx_set_str(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode curlx_set_ptr(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode curlx_set_off(CURL *c, CURLoption o, curl_off_t v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode curlx_set_slist(CURL *c, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(c, o, v); }
typedef size_t (*curlx_data_cb)(char *, size_t, size_t, void *);
static inline CURLcode curlx_set_write(CURL *c, curlx_data_cb cb) { return curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, cb); }
static inline CURLcode curlx_set_read(CURL *c, curlx_data_cb cb) { return curl_easy_setopt(c, CURLOPT_READFUNCTION, cb); }
static inline CURLcode curlx_set_header_cb(CURL *c, curlx_data_cb cb) { return curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, cb); }
static inline CURLcode curlx_get_long(CURL *c, CURLINFO i, long *v) { return curl_easy_getinfo(c, i, v); }
static inline CURLcode curlx_get_str(CURL *c, CURLINFO i, char **v) { return curl_easy_getinfo(c, i, v); }
static inline CURLcode curlx_get_socket(CURL *c, curl_socket_t *v) { return curl_easy_getinfo(c, CURLINFO_ACTIVESOCKET, v); }
#endif
