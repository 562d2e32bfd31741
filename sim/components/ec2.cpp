// ec2: a pool of EC2 instances (spec.md §3), fixed or in an Auto Scaling group, bought on-demand
// or as Spot. Each instance is a worker queue, then a FCFS queue for its vCPUs.
#include <cmath>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "scenario/registry_builders.hpp"

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component(
      "ec2", "A pool of EC2 instances; each is a worker queue, then a FCFS queue for its vCPUs.",
      {opt("instance", K::String, "m5.large", "instance type (vCPUs, memory, price: catalog)"),
       opt("count", K::Integer, "1", "instances"), azs(),
       req("cpu", K::Distribution, "CPU demand per request, on one vCPU"),
       opt("workers", K::Integer, "2 x vCPUs + 1", "concurrent requests per instance (threads)"),
       opt("queue", K::Integer, "1024",
           "waiting requests per instance beyond busy workers (503 beyond); 0: none wait"),
       opt("boot_time", K::Time, "60s", "Auto Scaling: from launch to serving (sources.md §11d ~25-30 s to a booted OS, plus the app's start: an estimate)"),
       opt("service_by_class", K::Map, "", "class name -> CPU demand, overriding cpu"),
       opt("error_ratio", K::Fraction, "0", "share of requests the application fails (HTTP 500)"),
       opt("scaling", K::Map, "", "EC2 Auto Scaling instead of count: min, max, desired, target_cpu, schedule"),
       opt("purchase", K::Map, "on-demand", "on-demand base and Spot share: on_demand_base, spot, "
           "spot_interruption, spot_price")}));
  // Defaults: sources.md §11c (default cooldown 300 s; warmup falls back to the cooldown) and
  // §11b (deregistration delay 300 s).
  r.add(section("scaling", "EC2 Auto Scaling of a pool (target tracking on CPU, scheduled actions).",
                {req("min", K::Integer, "fewest instances"),
                 req("max", K::Integer, "most instances"),
                 opt("desired", K::Integer, "min", "instances at the start"),
                 opt("target_cpu", K::Fraction, "", "target tracking: average CPU of in-service instances "
                     "(1-minute periods; out after 3 breaching minutes, in after 15)"),
                 opt("steps", K::List, "[]", "step scaling: [{above: 70%, add: 2}, {below: 30%, remove: 1}] on the "
                     "1-minute average CPU; out at most once per warmup, in once per cooldown"),
                 opt("schedule", K::List, "[]", "scheduled actions: [{at: 8h, desired: 10}, ...]"),
                 opt("warmup", K::Time, "300s", "a new instance's CPU is ignored, and scale-in held, this long"),
                 opt("cooldown", K::Time, "300s", "after a scale-in, before the next one"),
                 opt("deregistration_delay", K::Time, "300s", "draining before an instance scaled in stops")}));
  // Spot Advisor buckets and discounts: sources.md §11e (buckets O; typical discount 50-70%, T).
  r.add(section("purchase", "The purchase mix of a pool: an on-demand base, then a share of Spot.",
                {opt("on_demand_base", K::Integer, "0", "instances that are always on-demand"),
                 opt("spot", K::Fraction, "0%", "share of the capacity above the base bought as Spot"),
                 one_of("spot_interruption", {"<5%", "5-10%", "10-15%", "15-20%", ">20%"}, "<5%",
                        "Spot Advisor's monthly interruption bucket: a per-instance hazard at its midpoint"),
                 opt("spot_price", K::Map, "{discount: 70%}", "{discount: 70%}: Spot price = on-demand × (1 − discount)")}));
  r.add(section("purchase.spot_price", "The Spot price.",
                {opt("discount", K::Fraction, "70%", "off the on-demand price (sources.md §11e: typically 50-70%)"),
                 opt("trace", K::String, "", "a CSV of time,USD per hour (linear between rows, flat outside), "
                     "relative to the scenario; instead of a discount")}));
  r.add(section("scaling.step", "One step adjustment.",
                {opt("above", K::Fraction, "", "CPU above which to add"), opt("below", K::Fraction, "", "CPU below which to remove"),
                 opt("add", K::Integer, "", "instances to add"), opt("remove", K::Integer, "", "instances to remove")}));
  r.add(section("scaling.schedule", "One scheduled action.",
                {req("at", K::Time, "when"), req("desired", K::Integer, "the new desired capacity")}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& ec2 = std::get<Ec2Spec>(cs.kind);
  Model& m = b.model;
  c.cpu = Distribution(ec2.cpu);
  // Class-specific CPU demands (the classes are compiled before the components; the paths,
  // which point into these, after every component).
  if (!ec2.service_by_class.empty()) {
    c.by_class.assign(m.classes.size(), c.cpu);
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
      auto it = ec2.service_by_class.find(m.classes[k].name);
      if (it != ec2.service_by_class.end()) c.by_class[k] = Distribution(it->second);
    }
  }
  c.error_ratio = ec2.error_ratio;
  const int vcpus = vcpus_of(ec2.instance, InstanceFamily::Ec2);
  // Default thread pool: 2 × vCPUs + 1, the sizing gunicorn documents for its workers.
  const int workers = ec2.workers > 0 ? ec2.workers : 2 * vcpus + 1;
  // Default backlog: 1024 waiting requests per instance, a typical accept backlog.
  const std::int64_t queue = ec2.queue >= 0 ? ec2.queue : 1024;
  // An Auto Scaling group gets all `max` instances up front, those beyond `desired` Off:
  // indices stay fixed, so balancers and requests can name them.
  const int count = ec2.scaling ? ec2.scaling->max : ec2.count;
  const int running = ec2.scaling ? ec2.scaling->desired : ec2.count;
  for (int i = 0; i < count; ++i) {
    const auto in = b.add_instance(id, b.intern_az(BuildContext::az_of(ec2.azs, static_cast<std::size_t>(i))), vcpus);
    m.instances[in].workers = workers;
    m.instances[in].queue_limit = queue;
    if (i >= running) {
      m.instances[in].life = Life::Off;
      m.instances[in].alive = false;
    }
  }
  const PurchaseSpec& p = ec2.purchase;
  c.on_demand_base = p.on_demand_base;
  c.spot_share = p.spot;
  c.spot_discount = p.discount;
  c.spot_price = p.price_trace;
  // The Spot Advisor's buckets are monthly interruption frequencies (sources.md §11e); each
  // becomes a constant per-instance hazard at the bucket's midpoint (25% for ">20%"; E).
  const double monthly = p.interruption == "5-10%"    ? 0.075
                         : p.interruption == "10-15%" ? 0.125
                         : p.interruption == "15-20%" ? 0.175
                         : p.interruption == ">20%"   ? 0.25
                                                      : 0.025;
  c.spot_hazard = -std::log1p(-monthly) / static_cast<double>(730 * kHour);
  // The initial fleet follows the mix: the base on-demand, then Spot spread evenly.
  for (int i = 0, above = 0, spots = 0; i < running; ++i) {
    if (i < p.on_demand_base) continue;
    ++above;
    if (spots < static_cast<int>(std::floor(above * p.spot + 1e-9))) {
      m.instances[c.first + static_cast<std::uint32_t>(i)].spot = true;
      ++spots;
    }
  }
  if (const auto& sc = ec2.scaling) {
    Scaling& g = c.scaling;
    g.enabled = true;
    g.min = sc->min;
    g.max = sc->max;
    g.desired = sc->desired;
    g.target = sc->target_cpu;
    g.warmup = sc->warmup;
    g.cooldown = sc->cooldown;
    g.deregistration_delay = sc->deregistration_delay;
    // Launch to serving: ~25-30 s to a booted OS (sources.md §11d) plus the application's
    // start; 60 s when the scenario does not say (estimate, E).
    g.boot_time = ec2.boot_time > 0 ? ec2.boot_time : 60 * kSecond;
    g.schedule = sc->schedule;
    g.steps = sc->steps;
  }
}

/// An EC2 pool that the internet reaches directly needs public addresses: the first real hop of
/// a path (the day-1 Elastic IP) or a CloudFront origin (a custom origin is fetched over the
/// internet). Behind an ELB it needs none.
bool internet_facing_pool(const Model& m, std::uint16_t comp) {
  for (const TrafficClass& tc : m.classes)
    for (std::size_t i = 0; i < tc.hops.size(); ++i)
      if (tc.hops[i].component == comp &&
          (i == first_real_hop(tc) || (i > 0 && tc.hops[i - 1].kind == HopKind::Edge)))
        return true;
  return false;
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& ec2 = std::get<Ec2Spec>(cs.kind);
  const Component& c = b.model.components[id];
  // Per-second billing of the instance-time alive (sources.md §1). Linux has a 60 s minimum
  // per launch: it never binds for a fixed fleet, but Auto Scaling must apply it to every
  // instance it launches and terminates within a minute.
  const double price = catalog_instance(ec2.instance, InstanceFamily::Ec2).usd_per_hour;
  const double spot_hours = c.spot_area / static_cast<double>(kHour);
  const double on_demand_hours = c.billed_area / static_cast<double>(kHour) - spot_hours;
  // Spot at the scenario's discount off on-demand (sources.md §11e); the savings are what the
  // same hours would have cost on-demand.
  // With a price trace the Spot hours were priced as they ran (Model::spot_usd).
  const double spot_cost = c.spot_price.empty() ? spot_hours * price * (1 - c.spot_discount) : c.spot_usd;
  out.add("ec2", c.name, on_demand_hours * price + spot_cost);
  out.add_spot_savings(spot_hours * price - spot_cost);
  // One public IPv4 per instance reached from the internet (sources.md §10, O). An Elastic IP
  // is billed attached or idle, so for the instances provisioned, alive or not.
  if (internet_facing_pool(b.model, id))
    out.add("public_ipv4", c.name, c.count * b.hours * b.rate("public_ipv4", "address_hour"));
}

}  // namespace

const ComponentKind& ec2_kind() {
  static const ComponentKind kind{"ec2", HopKind::Pool, params, build, nullptr, bill};
  return kind;
}

}  // namespace headroom
