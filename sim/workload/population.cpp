// Concurrent users to daily and monthly actives (spec.md §9 "Population"). By Little's law on
// visits, the mean number of users on the site at once is the visits a day times a visit's length
// over a day: C_mean = DAU × sessions_per_day × session / 24 h, so DAU = C_mean × 24 h /
// (sessions_per_day × session), and C_mean = C_peak / peak_to_mean. MAU = DAU ×
// monthly_active_per_daily. Defaults and their sources: sources.md §15.
#include "headroom/workload/population.hpp"

#include <fmt/format.h>

#include <cmath>

#include "headroom/core/units.hpp"
#include "headroom/workload/curve.hpp"

namespace headroom {
namespace {

/// Without a diurnal curve to say so, a site's busiest hour is taken as twice its daily mean
/// (sources.md §15, an estimate).
constexpr double kDefaultPeakToMean = 2;

}  // namespace

UserCounts user_counts(const ScenarioSpec& spec, double peak_users) {
  UserCounts u;
  u.by_rate = spec.load.by_rate;
  if (u.by_rate) {
    u.peak_requests_per_s = peak_users;
    return u;
  }
  const PopulationSpec& p = spec.population;
  u.peak_concurrent = peak_users;
  u.think_time_s = to_seconds(spec.load.think_time);
  u.peak_requests_per_s = u.think_time_s > 0 ? peak_users / u.think_time_s : 0;
  const CurveSpec& c = spec.load.curve;
  if (p.peak_to_mean > 0) {
    u.peak_to_mean = p.peak_to_mean;
    u.peak_to_mean_from = "population.peak_to_mean";
  } else if (c.kind == CurveSpec::Kind::Diurnal && c.peak + c.base > 0 && c.peak >= c.base) {
    u.peak_to_mean = c.peak / ((c.base + c.peak) / 2);  // a sinusoid's mean is its midline
    u.peak_to_mean_from = "the diurnal curve";
  } else {
    u.peak_to_mean = kDefaultPeakToMean;
    u.peak_to_mean_from = "default";
  }
  u.daily_active_per_concurrent =
      p.daily_active_per_concurrent > 0
          ? p.daily_active_per_concurrent
          : static_cast<double>(kDay) / (p.sessions_per_day * static_cast<double>(p.session)) / u.peak_to_mean;
  u.daily_active = peak_users * u.daily_active_per_concurrent;
  u.monthly_active = u.daily_active * p.monthly_active_per_daily;
  return u;
}

std::string short_count(double n) {
  const double a = std::fabs(n);
  if (a >= 1e12) return fmt::format("{:.3g}", n);
  if (a >= 1e9) return fmt::format("{:.3g}B", n / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g}M", n / 1e6);
  if (a >= 1e3) return fmt::format("{:.3g}k", n / 1e3);
  return fmt::format("{:.0f}", n);
}

std::string describe_users(const UserCounts& u) {
  const std::string rate =
      u.peak_requests_per_s >= 1000 ? short_count(u.peak_requests_per_s) : fmt::format("{:.3g}", u.peak_requests_per_s);
  if (u.by_rate) return fmt::format("{} requests/s at the peak (a rate: no users)", rate);
  return fmt::format("{} peak concurrent users ({} req/s, one per {:g} s think time) ≈ {} daily / {} monthly active users",
                     grouped(u.peak_concurrent), rate, u.think_time_s,
                     short_count(u.daily_active), short_count(u.monthly_active));
}

}  // namespace headroom
