#pragma once
/// Hit ratio of an LRU cache under independent requests, by Che's approximation
/// (Che, Tung & Wang 2002; accuracy explained by Fricker, Robert & Roberts 2012).
#include <cstdint>

namespace headroom {

/// The steady-state hit ratio of an LRU cache holding `capacity` of `keys` objects whose request
/// popularity follows Zipf's law with exponent `zipf` (p_i ∝ i^-zipf; 0 is uniform). Che's
/// approximation: every object stays for the same characteristic time T, the root of
/// Σ (1 − e^(−p_i T)) = capacity, and the hit ratio is Σ p_i (1 − e^(−p_i T)).
/// Keys beyond 20,000 are summed in geometric bins of near-equal popularity (relative error of
/// the result below 1e-4). capacity >= keys gives 1; capacity <= 0 gives 0.
double che_lru_hit_ratio(double keys, double zipf, double capacity);

}  // namespace headroom
