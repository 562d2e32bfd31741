#pragma once
/// Erlang's loss and delay formulas: the closed forms behind both the analytic model
/// (`headroom analyze`) and the hybrid engine's stations, so they live below both layers.
/// `a` is the offered load in Erlangs (λ/μ).

namespace headroom {

/// Erlang's B formula: the blocking probability of an M/M/c/c loss system offered `a` Erlangs,
/// by the stable recurrence B(k) = a·B(k−1) / (k + a·B(k−1)). 0 when there is no load.
/// Precondition: c >= 0.
double erlang_b(int c, double a);

/// Erlang's C formula: the probability that an arrival to an M/M/c queue waits, for a < c.
/// Returns 1 when a >= c (the queue is unstable: everyone waits).
double erlang_c(int c, double a);

}  // namespace headroom
