#include "GSLBridge.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

static _Thread_local metrics_gsl_error last_error;
static _Thread_local int has_error;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static atomic_int installations;

static void copy_text(char *destination, size_t capacity, const char *source) {
    if (source == NULL) {
        destination[0] = '\0';
        return;
    }
    size_t length = strlen(source);
    if (length >= capacity) length = capacity - 1;
    memcpy(destination, source, length);
    destination[length] = '\0';
}

static void record_error(const char *reason, const char *file, int line, int gsl_errno) {
    last_error.code = gsl_errno;
    last_error.line = line;
    copy_text(last_error.reason, sizeof last_error.reason, reason);
    copy_text(last_error.file, sizeof last_error.file, file);
    has_error = 1;
}

static void install(void) {
    gsl_set_error_handler(&record_error);
    atomic_fetch_add(&installations, 1);
}

void metrics_gsl_install_error_handler(void) { pthread_once(&install_once, install); }

__attribute__((constructor)) static void install_at_load(void) { metrics_gsl_install_error_handler(); }

int metrics_gsl_error_handler_installations(void) { return atomic_load(&installations); }

void metrics_gsl_clear_error(void) { has_error = 0; }

int metrics_gsl_take_error(metrics_gsl_error *out) {
    if (!has_error) return 0;
    if (out != NULL) *out = last_error;
    has_error = 0;
    return 1;
}

void metrics_gsl_raise_for_testing(const char *reason, int code) {
    gsl_error(reason, __FILE__, __LINE__, code);
}
