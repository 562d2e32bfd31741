#pragma once
/// The project's own random numbers: xoshiro256** streams and variate transforms, identical on
/// every platform and standard library (std::*_distribution is not, spec.md §7).
#include <cmath>
#include <cstdint>
#include <string_view>

namespace headroom {

__extension__ using Uint128 = unsigned __int128;

/// One independent random stream (xoshiro256**, Blackman & Vigna 2018; period 2^256 − 1).
/// Components each own a stream derived from the run's seed and a stable name, so that adding a
/// component never changes the numbers another component sees.
class Rng {
 public:
  /// The stream named `name` (e.g. "web/service") of the run seeded with `seed`.
  static Rng stream(std::uint64_t seed, std::string_view name);
  /// A stream from a raw 64-bit seed, expanded with splitmix64.
  explicit Rng(std::uint64_t seed = 0);

  /// The next 64 random bits.
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform on [0, 1), 53 random bits.
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform on (0, 1]: safe to take the logarithm of.
  double uniform01_open0() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  /// Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<Uint128>(next()) * n) >> 64);
  }
  /// True with probability p.
  bool bernoulli(double p) { return uniform01() < p; }
  /// Exponential with mean 1 (inline: two of them per request in the hottest loop).
  double exp1() { return -std::log(uniform01_open0()); }
  /// Standard normal (Marsaglia's polar method: no trigonometry, exact to libm's log/sqrt).
  double normal();
  /// Gamma with the given shape and scale 1 (Marsaglia & Tsang 2000; shape < 1 by boosting).
  double gamma(double shape);

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/// splitmix64 (Steele, Lea & Flood 2014): seeds streams and hashes names into seeds.
std::uint64_t splitmix64(std::uint64_t& state);
/// FNV-1a, 64-bit: a stable hash of a stream's name.
std::uint64_t fnv1a64(std::string_view text);

}  // namespace headroom
