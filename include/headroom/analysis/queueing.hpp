#pragma once
/// Closed forms of queueing theory that the analytic model (`headroom analyze`) is built on.
/// Rates are per second, times in seconds; `a = λ/μ` is the offered load in Erlangs.

#include "headroom/core/erlang.hpp"  // erlang_b, erlang_c

namespace headroom {

/// Mean time in an M/M/c system (wait + service), seconds: C(c, a)/(cμ − λ) + 1/μ.
/// Infinity when λ >= cμ.
double mmc_mean_response(int c, double lambda, double mu);

}  // namespace headroom
