#pragma once
/// What the `users` of a load curve mean in the numbers a founder or a finance team uses: a curve's
/// users are *concurrently active* users, each sending one request per think time; a site's daily
/// and monthly active users follow from them through the scenario's `population:` (Little's law on
/// visits: mean concurrent users = daily actives × sessions per day × session length / 24 h).
#include <string>

#include "headroom/scenario/spec.hpp"

namespace headroom {

/// One load level stated every way a reader may count it.
struct UserCounts {
  bool by_rate = false;                ///< a `rate:` load: no users, only requests
  double peak_concurrent = 0;          ///< peak concurrently active users
  double peak_requests_per_s = 0;      ///< what they send at the peak (users / think time)
  double think_time_s = 0;
  double peak_to_mean = 0;             ///< the day's peak over its mean concurrency
  double daily_active_per_concurrent = 0;  ///< daily actives per peak concurrent user
  double daily_active = 0;             ///< daily active users (DAU)
  double monthly_active = 0;           ///< monthly active users (MAU)
  std::string peak_to_mean_from;       ///< "the diurnal curve" or "population.peak_to_mean" or "default"
};

/// The counts of `spec`'s load at a peak of `peak_users` concurrent users (or, for a `rate:` load,
/// `peak_users` requests/s).
UserCounts user_counts(const ScenarioSpec& spec, double peak_users);

/// "15,400 peak concurrent users (770 req/s) ≈ 554k daily / 2.2M monthly active users": one line
/// naming every count, for the terminal.
std::string describe_users(const UserCounts& counts);

/// 1234567 -> "1.23M", 15400 -> "15.4k", 950 -> "950": a count for a sentence.
std::string short_count(double n);

}  // namespace headroom
