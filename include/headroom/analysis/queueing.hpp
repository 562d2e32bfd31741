#pragma once
/// Closed forms of queueing theory that the analytic model (`headroom analyze`) is built on.
/// Rates are per second, times in seconds; `a = λ/μ` is the offered load in Erlangs.

namespace headroom {

/// Erlang's B formula: the blocking probability of an M/M/c/c loss system offered `a` Erlangs.
/// Computed by the stable recurrence B(k) = a·B(k−1) / (k + a·B(k−1)). Precondition: c >= 1, a >= 0.
double erlang_b(int c, double a);

/// Erlang's C formula: the probability that an arrival to an M/M/c queue waits, for a < c.
/// Returns 1 when a >= c (the queue is unstable: everyone waits).
double erlang_c(int c, double a);

/// Mean time in an M/M/c system (wait + service), seconds: C(c, a)/(cμ − λ) + 1/μ.
/// Infinity when λ >= cμ.
double mmc_mean_response(int c, double lambda, double mu);

}  // namespace headroom
