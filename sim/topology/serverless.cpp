// The serverless rules that need no event loop: Lambda's environments and concurrency, and
// DynamoDB's capacity. Sources: sources.md §6 (DynamoDB) and §7b (Lambda).
#include "topology/serverless.hpp"

namespace headroom {

void expire_environments(Function& f, SimTime now) {
  while (!f.idle.empty() && now - f.idle.front() > f.keep_warm) f.idle.pop_front();
}

Acquired acquire_environment(Function& f, LambdaAccount& account, SimTime now) {
  expire_environments(f, now);
  // Concurrency: a reservation is the function's own ceiling; without one it shares what the
  // account has not reserved.
  if (f.reserved > 0 ? f.busy >= f.reserved : account.unreserved_busy >= account.unreserved_limit)
    return Acquired::Throttled;
  Acquired how = Acquired::Warm;
  if (f.prov_busy < f.provisioned) {
    ++f.prov_busy;
  } else if (!f.idle.empty()) {
    f.idle.pop_back();  // the most recently used: the others keep ageing towards reclaim
  } else if (f.scale.take(now, 1)) {
    how = Acquired::Cold;
  } else {
    return Acquired::Throttled;  // arrivals outpace the scale-out rate
  }
  ++f.busy;
  if (f.reserved == 0) ++account.unreserved_busy;
  return how;
}

bool release_environment(Function& f, LambdaAccount& account, SimTime now) {
  --f.busy;
  if (f.reserved == 0) --account.unreserved_busy;
  // Environments are alike but for billing and reclaim: the provisioned ones count as busy
  // first, so they are the ones returned first.
  if (f.prov_busy > 0) {
    --f.prov_busy;
    return true;
  }
  f.idle.push_back(now);
  return false;
}

namespace {
constexpr std::int64_t kOnDemandLag = 30 * 60;  // seconds: "double your previous peak within 30 minutes"
}

double Capacity::ceiling(SimTime now) {
  if (provisioned) return bucket.rate;
  const std::int64_t s = now / kSecond;
  if (s != second) {
    // The second that just ended counts towards the peak.
    if (second >= 0 && used > peak) {
      peak = used;
      peaks.emplace_back(second + 1, peak);
    }
    second = s;
    used = 0;
    // The previous peak that applies now is the one reached at least 30 minutes ago.
    while (!peaks.empty() && peaks.front().first <= s - kOnDemandLag) {
      lagged = peaks.front().second;
      peaks.pop_front();
    }
  }
  return std::min(quota, std::max(warm, 2 * lagged));
}

bool Capacity::take(SimTime now, double units) {
  if (provisioned) return bucket.take(now, units);
  const double c = ceiling(now);
  if (used + units > c + 1e-9) return false;
  used += units;
  return true;
}

}  // namespace headroom
