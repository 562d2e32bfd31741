// compute_cost(): what a run's measured window costs at the catalog's on-demand prices. Every
// price comes from the catalog (scenarios/catalog/us-east-1.yaml), which names the section of
// docs/sources.md and the confidence of each. Each kind bills its own lines
// (sim/components/<kind>.cpp); data transfer, billed alike for every kind, is here.
#include "run/cost.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "headroom/catalog/catalog.hpp"
#include "topology/model.hpp"

namespace headroom {
namespace {

constexpr double kGB = 1e9;  // spec.md §2: sizes are powers of 1000
/// Lines billed for every scenario, whatever its kinds.
constexpr const char* kSharedServices[] = {"data_transfer", "public_ipv4"};

/// The share of the response bytes reaching `comp` that it sends to the internet (it is the
/// first real hop), in expectation: each class's requests weighted by share × the hop's response
/// bytes and thinned by the hit ratios of the caches and edges before each hop. Exactly 1 (or 0)
/// for a component that is always (or never) a first hop, which covers every bundled scenario.
double internet_share(const Model& m, std::uint16_t comp) {
  double first = 0, all = 0;
  for (const TrafficClass& tc : m.classes) {
    double reach = tc.share;
    for (std::size_t i = 0; i < tc.hops.size(); ++i) {
      const Hop& h = tc.hops[i];
      if (h.component == comp) {
        all += reach * h.response_bytes;
        if (i == first_real_hop(tc)) first += reach * h.response_bytes;
      }
      if ((h.kind == HopKind::Cache || h.kind == HopKind::Edge) && !h.last)
        reach *= 1 - m.components[h.component].hit_ratio;
    }
  }
  return all > 0 ? first / all : 0;
}

/// Transfer out to the internet from the region (EC2, ELB, RDS, S3 …, one account's volume):
/// its monthly tiers (sources.md §5), in GB.
constexpr PriceTier kInternetTiers[] = {
    {"out_to_internet", 10e3},
    {"out_to_internet_next_40tb", 40e3},
    {"out_to_internet_next_100tb", 100e3},
    {"out_to_internet_over_150tb", kRestOfVolume},
};

/// How a window of `window` becomes a month: whole periods of a diurnal curve repeat exactly
/// (the month is that day, again and again); any other window is its own load held all month.
std::string projection(const ScenarioSpec& spec, Duration window, double month_hours) {
  const std::string month = fmt::format("{:g} h", month_hours);
  if (window <= 0) return "nothing measured";
  const CurveSpec& c = spec.load.curve;
  if (c.kind == CurveSpec::Kind::Diurnal && c.period > 0) {
    const double periods = static_cast<double>(window) / static_cast<double>(c.period);
    const double whole = std::round(periods);
    if (whole >= 1 && std::fabs(periods - whole) <= 0.01 * whole)
      return fmt::format("the curve's {} period repeated: {:g} period{} measured, scaled to {}",
                         format_duration(c.period), whole, whole == 1 ? "" : "s", month);
  }
  return fmt::format("the measured {} scaled to {} (its load held all month)", format_duration(window), month);
}

}  // namespace

CostReport compute_cost(const ScenarioSpec& spec, const Model& model, SimTime warmup, SimTime end) {
  const PriceCatalog& cat = price_catalog();
  auto rate = [&](const char* service, const char* key) { return cat.rate(service, key); };
  const double hours =
      std::max<double>(0, static_cast<double>(end - warmup)) / static_cast<double>(kHour);
  const double seconds = hours * 3600;
  const double month_hours = rate("billing", "hours_per_month");
  const double months = hours / month_hours;  // for per-month prices, pro rata

  Bill bill;
  const ComponentRegistry& kinds = component_registry();
  for (const ComponentKind* k : kinds.kinds()) bill.open_service(std::string(k->type));
  for (const char* s : kSharedServices) bill.open_service(s);
  for (const auto& c : model.components) bill.open_component(c.name);
  const BillContext ctx{model, spec, cat, hours, seconds, month_hours, months};

  // Data transfer, charged to the sender. Out to the internet from the region through the
  // account's monthly tiers, shared by every component that sends, without the 100 GB/month
  // free allowance (it is per account, shared by every workload in it); CloudFront bills its
  // own transfer.
  std::vector<double> internet_gb(model.components.size(), 0);
  for (std::size_t i = 0; i < model.components.size(); ++i) {
    const Component& c = model.components[i];
    const ComponentState& st = model.states[i];
    if (c.kind != HopKind::Edge)
      internet_gb[i] = st.tally.bytes * internet_share(model, static_cast<std::uint16_t>(i)) / kGB;
    // A NAT gateway sends its calls out to the internet (their answers come in free).
    if (c.type == "nat_gateway") internet_gb[i] += st.tally.request_bytes / kGB;
  }
  double internet_total = 0;
  for (double gb : internet_gb) internet_total += gb;

  for (std::size_t i = 0; i < model.components.size() && hours > 0; ++i) {
    const Component& c = model.components[i];
    const ComponentState& st = model.states[i];
    const ComponentSpec& cs = spec.components[i];
    const auto id = static_cast<std::uint16_t>(i);
    const std::string& n = c.name;
    if (const ComponentKind& kind = kinds.at(cs.type); kind.bill) kind.bill(ctx, cs, id, bill);
    bill.add("data_transfer", n, ctx.tiered("data_transfer", kInternetTiers, internet_gb[i], internet_total));
    // Between AZs: charged on both sides, out and in (sources.md §5), on the hop that crosses.
    bill.add("data_transfer", n, st.tally.cross_az_bytes / kGB * 2 * rate("data_transfer", "inter_az"));
  }

  CostReport out;
  out.period_usd = bill.total().usd();
  out.monthly_usd = hours > 0 ? out.period_usd * month_hours / hours : 0;
  out.projection = projection(spec, end - warmup, month_hours);
  out.spot_savings_usd = Money::from_usd(bill.spot_savings_usd()).usd();
  for (const auto& [k, v] : bill.by_service()) out.by_service[k] = v.usd();
  for (const auto& [k, v] : bill.by_component()) out.by_component[k] = v.usd();
  return out;
}

}  // namespace headroom
