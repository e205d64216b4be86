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

/* One connection and DNS cache shared by every transfer of the process (keep-alive reuse across
   requests on different threads), guarded by one mutex per kind of shared data. The mutexes live
   on the heap (a static array in this header would not be emitted for Swift). */
#include <pthread.h>
#include <stdlib.h>
static void curlx_share_lock(CURL *h, curl_lock_data d, curl_lock_access a, void *u) {
    (void)h; (void)a; pthread_mutex_lock(&((pthread_mutex_t *)u)[d]);
}
static void curlx_share_unlock(CURL *h, curl_lock_data d, void *u) {
    (void)h; pthread_mutex_unlock(&((pthread_mutex_t *)u)[d]);
}
static inline CURLSH *curlx_share_new(void) {
    pthread_mutex_t *m = calloc(CURL_LOCK_DATA_LAST, sizeof(pthread_mutex_t));
    if (!m) return NULL;
    for (int i = 0; i < CURL_LOCK_DATA_LAST; i++) pthread_mutex_init(&m[i], NULL);
    CURLSH *sh = curl_share_init();
    if (!sh) { free(m); return NULL; }
    curl_share_setopt(sh, CURLSHOPT_USERDATA, m);
    curl_share_setopt(sh, CURLSHOPT_LOCKFUNC, curlx_share_lock);
    curl_share_setopt(sh, CURLSHOPT_UNLOCKFUNC, curlx_share_unlock);
    curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
    curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return sh;
}
#endif
