// GSLBridge: the only door into GNU GSL.
//
// GSL's default error handler calls abort(). This bridge replaces it once, process-wide (at load time and,
// idempotently, through pthread_once), with a handler that records the error in thread-local storage. Swift
// clears the record, calls GSL, and reads the record back on the same thread (never across an `await`).
//
// GSL's exported globals cannot be read from Swift 6 under strict concurrency, so they are reached through
// the `static inline` accessors below.
#ifndef METRICS_GSL_BRIDGE_H
#define METRICS_GSL_BRIDGE_H

#include "../../CGSL/shim.h"
#include <gsl/gsl_multimin.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The last GSL error reported on the calling thread.
typedef struct metrics_gsl_error {
    int code;            ///< GSL status code (GSL_EDOM, GSL_EINVAL, ...).
    int line;            ///< Line in GSL's source that reported it.
    char reason[256];    ///< GSL's reason text, truncated to fit.
    char file[128];      ///< GSL's source file that reported it, truncated to fit.
} metrics_gsl_error;

/// Installs the recording handler. Idempotent and thread-safe; also run automatically when the library loads.
void metrics_gsl_install_error_handler(void);

/// How many times the handler has been installed in this process (always 1 once installed).
int metrics_gsl_error_handler_installations(void);

/// Forgets any error recorded on the calling thread.
void metrics_gsl_clear_error(void);

/// If an error was recorded on the calling thread since the last clear, copies it to `out`, clears the
/// record and returns 1; otherwise returns 0.
int metrics_gsl_take_error(metrics_gsl_error *out);

/// Calls GSL's error reporting path directly (for tests of the bridge: proves a GSL error never aborts).
void metrics_gsl_raise_for_testing(const char *reason, int code);

static inline const char *metrics_gsl_version(void) { return gsl_version; }
static inline const char *metrics_gsl_strerror(int code) { return gsl_strerror(code); }
static inline const gsl_interp_type *metrics_gsl_interp_steffen(void) { return gsl_interp_steffen; }

/// GSL's Nelder–Mead simplex minimiser, version 2 (`gsl_multimin_fminimizer_nmsimplex2`: O(n) memory,
/// the simplex size kept as the RMS distance of its vertices from the centre). An exported global, hence
/// the accessor.
static inline const gsl_multimin_fminimizer_type *metrics_gsl_multimin_nmsimplex2(void) {
    return gsl_multimin_fminimizer_nmsimplex2;
}

#ifdef __cplusplus
}
#endif

#endif
