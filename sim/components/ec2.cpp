// ec2: a pool of EC2 instances (spec.md §3), fixed or in an Auto Scaling group, bought on-demand
// or as Spot. Each instance is a worker queue, then a FCFS queue for its vCPUs.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace ec2_detail {


int as_int(std::int64_t v) { return static_cast<int>(v); }

ScalingSpec read_scaling(Reader& r, const Field& f) {
  const MapReader m(r, f, scenario_registry().at("scaling"));
  ScalingSpec sc;
  sc.loc = r.loc(f);
  if (auto v = r.integer(m.get("min"), 0, kIntMax)) sc.min = as_int(*v);
  if (auto v = r.integer(m.get("max"), 1, kIntMax)) sc.max = as_int(*v);
  sc.desired = sc.min;
  if (auto v = r.integer(m.get("desired"), 0, kIntMax)) sc.desired = as_int(*v);
  if (auto v = r.fraction(m.get("target_cpu"))) {
    if (*v <= 0) r.error(m.get("target_cpu"), "a target of 0% would scale out forever; give a share above 0");
    else sc.target_cpu = *v;
  }
  if (auto v = r.duration(m.get("warmup"))) sc.warmup = *v;
  if (auto v = r.duration(m.get("cooldown"))) sc.cooldown = *v;
  if (auto v = r.duration(m.get("deregistration_delay"))) {
    // ALB target groups allow 0-3600 s (sources.md §11b).
    if (*v > 3600 * kSecond) r.error(m.get("deregistration_delay"), "must be at most 3600s (the ALB limit), found " + format_duration(*v));
    else sc.deregistration_delay = *v;
  }
  if (auto items = r.list(m.get("steps"), "a list of {above, add} or {below, remove}")) {
    for (const Field& item : *items) {
      const MapReader step(r, item, scenario_registry().at("scaling.step"));
      ScalingStepSpec st;
      const bool up = step.has("above"), down = step.has("below");
      if (up == down) {
        r.error(item, "a step has either above (with add) or below (with remove)");
        continue;
      }
      if (up && !step.has("add")) r.error(item, "a step above a threshold needs add");
      if (down && !step.has("remove")) r.error(item, "a step below a threshold needs remove");
      if (up && step.has("remove")) r.error(step.get("remove"), "remove goes with below; above takes add");
      if (down && step.has("add")) r.error(step.get("add"), "add goes with above; below takes remove");
      if (auto v = r.fraction(step.get(up ? "above" : "below"))) (up ? st.above : st.below) = *v;
      if (auto v = r.integer(step.get(up ? "add" : "remove"), 1, kIntMax)) st.change = up ? as_int(*v) : -as_int(*v);
      sc.steps.push_back(st);
    }
  }
  if (auto items = r.list(m.get("schedule"), "a list of {at, desired}")) {
    for (const Field& item : *items) {
      const MapReader action(r, item, scenario_registry().at("scaling.schedule"));
      const auto at = r.duration(action.get("at"));
      const auto desired = r.integer(action.get("desired"), 0, kIntMax);
      if (at && desired) {
        if (*desired < sc.min || *desired > sc.max)
          r.error(action.get("desired"), "desired " + std::to_string(*desired) + " is outside min " +
                                             std::to_string(sc.min) + " .. max " + std::to_string(sc.max));
        sc.schedule.emplace_back(*at, as_int(*desired));
      }
    }
  }
  if (m.has("min") && m.has("max") && sc.min > sc.max)
    r.error(m.get("min"), "min " + std::to_string(sc.min) + " is above max " + std::to_string(sc.max));
  else if (sc.desired < sc.min || sc.desired > sc.max)
    r.error(m.has("desired") ? m.get("desired") : f, "desired " + std::to_string(sc.desired) +
                                                         " is outside min " + std::to_string(sc.min) + " .. max " +
                                                         std::to_string(sc.max));
  if (m.ok() && sc.target_cpu == 0 && sc.schedule.empty() && sc.steps.empty() && m.has("max"))
    r.error(f, "scaling needs target_cpu, steps or a schedule (otherwise use count)");
  if (sc.target_cpu > 0 && !sc.steps.empty())
    r.error(m.get("steps"), "give target_cpu or steps, not both: two policies would fight over the group");
  return sc;
}

PurchaseSpec read_purchase(Reader& r, const Field& f) {
  const MapReader m(r, f, scenario_registry().at("purchase"));
  PurchaseSpec p;
  if (auto v = r.integer(m.get("on_demand_base"), 0, kIntMax)) p.on_demand_base = as_int(*v);
  if (auto v = r.fraction(m.get("spot"))) p.spot = *v;
  if (auto v = r.choice(m.get("spot_interruption"), *scenario_registry().at("purchase").find("spot_interruption")))
    p.interruption = *v;
  if (m.has("spot_price")) {
    const MapReader price(r, m.get("spot_price"), scenario_registry().at("purchase.spot_price"));
    if (auto v = r.fraction(price.get("discount"))) p.discount = *v;
    if (price.has("trace")) {
      if (price.has("discount")) r.error(price.get("trace"), "give a discount or a trace, not both");
      if (auto name = r.text(price.get("trace"))) {
        const std::string file = r.loc(price.get("trace")).file;
        const std::string dir = file.find('/') == std::string::npos ? "." : file.substr(0, file.rfind('/'));
        CurveSpec trace;
        read_trace_csv(r, price.get("trace"), resolve_path(dir, *name), CurveUnit::Users, trace);
        p.price_trace = trace.points;
      }
    }
  }
  return p;
}

/// `pool: 10` or `pool: {size: 10, timeout: 30s}`.
void read_pool(Reader& r, const Field& f, Ec2Spec& e) {
  if (f.node.IsScalar()) {
    if (auto v = r.integer(f, 1, kIntMax)) e.pool = as_int(*v);
    return;
  }
  const MapReader m(r, f, scenario_registry().at("pool"));
  if (auto v = r.integer(m.get("size"), 1, kIntMax)) e.pool = as_int(*v);
  if (auto v = r.duration(m.get("timeout"), /*positive=*/true)) e.pool_timeout = *v;
}

void read_ec2(Reader& r, const MapReader& m, ComponentSpec& c) {
  Ec2Spec e;
  if (auto v = read_instance(r, m.get("instance"), InstanceFamily::Ec2, "EC2 instance type"))
    e.instance = *v;
  if (auto v = r.integer(m.get("count"), 1, kIntMax)) e.count = as_int(*v);
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  if (auto v = read_dist(r, m.get("cpu"))) e.cpu = *v;
  if (auto v = r.integer(m.get("workers"), 1, kIntMax)) e.workers = as_int(*v);
  // queue: 0 is meaningful (reject as soon as every worker is busy), so only negatives are bad.
  if (auto v = r.integer(m.get("queue"), 0)) e.queue = *v;
  if (auto v = r.duration(m.get("boot_time"))) e.boot_time = *v;
  if (auto v = r.fraction(m.get("error_ratio"))) e.error_ratio = *v;
  if (m.has("purchase")) e.purchase = read_purchase(r, m.get("purchase"));
  if (m.has("scaling")) {
    if (m.has("count"))
      r.error(m.get("count"), "count and scaling exclude each other: an Auto Scaling group sets its own count");
    e.scaling = read_scaling(r, m.get("scaling"));
  }
  e.service_by_class = read_dist_map(r, m.get("service_by_class"), "class name -> CPU demand");
  if (auto v = r.choice(m.get("credit"), *scenario_registry().at("component.ec2").find("credit"))) e.credit = *v;
  if (auto v = r.count(m.get("credit_balance"))) e.credit_balance = *v;
  if (m.has("pool")) read_pool(r, m.get("pool"), e);
  c.kind = e;
}

}  // namespace ec2_detail
}  // namespace headroom::yaml

namespace headroom {
namespace ec2_detail {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

/// The databases `pool` on `name` would connect to: each rds hop of a path whose caller is
/// `name` (the ec2 hop before it, past caches and tables), a cache's misses to its origin included.
std::vector<const ComponentSpec*> pooled_databases(const ScenarioSpec& spec, const std::string& name) {
  std::vector<const ComponentSpec*> out;
  for (const ClassSpec& cls : spec.traffic) {
    std::vector<std::string> hops;
    for (const HopSpec& h : cls.path) hops.push_back(h.component);
    if (hops.empty()) continue;
    if (const ComponentSpec* last = spec.find(hops.back()))
      for (const std::string& o : origin_chain(spec, *last).hops) hops.push_back(o);
    for (std::size_t i = 1; i < hops.size(); ++i) {
      const ComponentSpec* db = spec.find(hops[i]);
      if (!db || !std::holds_alternative<RdsSpec>(db->kind)) continue;
      std::size_t j = i - 1;
      for (const ComponentSpec* x; j > 0 && (x = spec.find(hops[j])) &&
                                   (x->type == "elasticache" || x->type == "dynamodb" || x->type == "s3");)
        --j;
      if (hops[j] == name && std::find(out.begin(), out.end(), db) == out.end()) out.push_back(db);
    }
  }
  return out;
}

/// A pool connects to one database, and the fleet's pools at their most should fit in its
/// max_connections: each fixed-size pool (HikariCP's minimumIdle defaults to its maximum) keeps
/// every connection open, so beyond the limit the newest instances cannot connect. That the
/// database refuses only queries beyond the limit in flight (rds.cpp) makes the run kinder than
/// AWS here, so the overcommitment is a warning with its numbers.
void validate_pool(const ScenarioSpec& spec, const ComponentSpec& c, const Ec2Spec& ec2, Diagnostics& out) {
  const std::string path = "components." + c.name + ".pool";
  const auto dbs = pooled_databases(spec, c.name);
  if (dbs.empty()) {
    out.error(c.loc_of("pool"), path, "no path calls an rds database from " + c.name +
                                          ": a connection pool needs one (paths such as [" + c.name + ", db.read])");
    return;
  }
  if (dbs.size() > 1) {
    out.error(c.loc_of("pool"), path, fmt::format("{} calls {} and {}: one pool per instance serves one database "
                                                  "(split the tier, or model the pools per database as separate tiers)",
                                                  c.name, dbs[0]->name, dbs[1]->name));
    return;
  }
  const auto& rds = std::get<RdsSpec>(dbs[0]->kind);
  const int limit = rds.max_connections > 0 ? rds.max_connections : default_max_connections(rds);
  const long long most = ec2.scaling ? ec2.scaling->max : ec2.count;
  // Every pool calling this database counts against the same limit.
  long long total = 0;
  std::vector<std::string> others;
  for (const ComponentSpec& o : spec.components)
    if (const auto* e = std::get_if<Ec2Spec>(&o.kind); e && e->pool > 0) {
      const auto d = pooled_databases(spec, o.name);
      if (d.size() != 1 || d[0] != dbs[0]) continue;
      total += static_cast<long long>(e->scaling ? e->scaling->max : e->count) * e->pool;
      if (o.name != c.name) others.push_back(o.name);
    }
  if (total <= limit) return;
  out.warning(c.loc_of("pool"), path,
              fmt::format("{}: {} instances{} x pool {} = {} connections{} > {} max_connections {} ({}{}): the pools "
                          "cannot all open; give a smaller pool, a larger database, or a proxy in front (RDS Proxy)",
                          c.name, most, ec2.scaling ? " (Auto Scaling's max)" : "", ec2.pool, most * ec2.pool,
                          others.empty() ? "" : fmt::format(", {} with {}'s pools", total, fmt::join(others, ", ")),
                          dbs[0]->name, limit, rds.instance,
                          rds.max_connections > 0 ? ", as set" : ", from its memory"));
}

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  const auto& ec2 = std::get<Ec2Spec>(c.kind);
  const std::string base = "components." + c.name;
  if (ec2.pool > 0) validate_pool(spec, c, ec2, out);
  if (ec2.scaling) {
    bool behind_elb = false;
    for (const auto& other : spec.components)
      if (const auto* e = std::get_if<ElbSpec>(&other.kind); e && e->targets == c.name) behind_elb = true;
    if (!behind_elb)
      out.error(c.loc_of("scaling"), base + ".scaling",
                "an Auto Scaling group needs an elb in front of it (targets: " + c.name +
                    "): only a balancer learns of the instances it launches");
  }
  // CPU credits belong to the burstable types (sources.md §1b).
  if (const InstanceType* t = find_instance(ec2.instance, InstanceFamily::Ec2); t && !t->burstable())
    for (const char* key : {"credit", "credit_balance"})
      if (c.key_locs.count(key))
        out.error(c.loc_of(key), base + "." + key,
                  ec2.instance + " is not a burstable type and has no CPU credits (t2, t3, t3a and t4g have them)");
  std::vector<std::string> classes;
  for (const auto& cls : spec.traffic) classes.push_back(cls.name);
  for (const auto& [cls, dist] : ec2.service_by_class)
    if (std::find(classes.begin(), classes.end(), cls) == classes.end()) {
      const std::string suffix = suggestion_suffix(cls, classes);
      out.error(dist.loc, base + ".service_by_class",
                "unknown request class '" + cls + "'" + (suffix.empty() ? " (classes: " + fmt::format("{}", fmt::join(classes, ", ")) + ")" : suffix));
    }
}

void params(ParamRegistry& r) {
  r.add(with_rules(component(
      "ec2", yaml::ec2_detail::read_ec2, "A pool of EC2 instances; each is a worker queue, then a FCFS queue for its vCPUs.",
      {opt("instance", K::String, "m5.large", "instance type (vCPUs, memory, price, network bandwidth: catalog, sources.md §1c)"),
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
           "spot_interruption, spot_price"),
       one_of("credit", {"standard", "unlimited"}, "t2: standard; t3, t3a, t4g: unlimited",
              "burstable types: standard throttles to the baseline when the CPU credits run out; unlimited "
              "keeps full speed and bills the surplus credits (sources.md §1b)"),
       opt("credit_balance", K::Count, "24 h of earnings",
           "burstable types: CPU credits per instance at the start (1 credit = one vCPU-minute at 100%)"),
       opt("pool", K::Map, "none: a connection per worker",
           "the application's connection pool to the database it calls, per instance: pool: 10 or "
           "{size: 10, timeout: 30s}; a request waits FCFS for a connection, holds it for its database call")}),
      HopRules{}, validate));
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
  // HikariCP's defaults: maximumPoolSize 10, connectionTimeout 30 s (sources.md §17).
  r.add(section("pool", "An instance's connection pool to its database (HikariCP, SQLAlchemy, pgbouncer in "
                "transaction mode): one connection per database call, lent FCFS.",
                {req("size", K::Integer, "connections per instance (HikariCP's maximumPoolSize, default there 10)"),
                 opt("timeout", K::Time, "30s", "a request waits this long for a connection, then fails "
                     "(HikariCP's connectionTimeout)")}));
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
  // Burstable types earn and spend CPU credits (sources.md §1b). The initial fleet was idle a
  // day before the run (Instance::launched_at): it starts full unless the scenario says.
  CpuCredits credits;
  if (const InstanceType& t = catalog_instance(ec2.instance, InstanceFamily::Ec2); t.burstable()) {
    credits.owner = id;
    credits.baseline = t.baseline();
    credits.earn = vcpus * t.baseline();
    credits.max = t.max_credits() * kCoreSecondsPerCredit;
    credits.unlimited = ec2.credit.empty() ? t.unlimited_by_default() : ec2.credit == "unlimited";
    c.launch_credits = credits;
    c.launch_credits.balance = credits.unlimited ? 0 : t.launch_credits * kCoreSecondsPerCredit;
    c.surplus_usd_per_vcpu_hour = t.surplus_usd_per_vcpu_hour;
    credits.balance = ec2.credit_balance >= 0 ? ec2.credit_balance * kCoreSecondsPerCredit : credits.max;
  }
  // The instance's network bandwidth, where the catalog gives it (sources.md §1c): each instance
  // sends its answers through a NIC of its own, bursting from a full bucket (the initial fleet,
  // like its CPU credits, was idle before the run).
  b.set_bandwidth(c, ec2.instance, InstanceFamily::Ec2, "");
  // Traffic leaving the Region gets 5 Gbit/s below 32 vCPUs, half the bandwidth from 32 up
  // (sources.md §1c, O).
  constexpr int kLargeVcpus = 32;
  constexpr double kSmallInternetBps = 5e9, kLargeInternetShare = 0.5;
  c.nic_internet_bps = vcpus < kLargeVcpus ? kSmallInternetBps : kLargeInternetShare * c.nic_bps;
  for (int i = 0; i < count; ++i) {
    const auto in = b.add_instance(id, b.intern_az(BuildContext::az_of(ec2.azs, static_cast<std::size_t>(i))), vcpus);
    m.cpus[m.instances[in].cpu].credits = credits;
    b.add_nic(in, id, c);
    m.instances[in].workers = workers;
    m.instances[in].queue_limit = queue;
    m.instances[in].pool = ec2.pool;
    if (i >= running) {
      m.instances[in].life = Life::Off;
      m.instances[in].alive = false;
    }
  }
  if (ec2.pool > 0) {
    c.pool_timeout = ec2.pool_timeout;
    m.states[id].pool_waits.resize(1);
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
    g.initial = sc->desired;
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
  const double spot_hours = b.tally(id).spot_area / static_cast<double>(kHour);
  const double on_demand_hours = b.tally(id).billed_area / static_cast<double>(kHour) - spot_hours;
  // Spot at the scenario's discount off on-demand (sources.md §11e); the savings are what the
  // same hours would have cost on-demand.
  // With a price trace the Spot hours were priced as they ran (Model::spot_usd).
  const double spot_cost = c.spot_price.empty() ? spot_hours * price * (1 - c.spot_discount) : b.tally(id).spot_usd;
  out.add("ec2", c.name, on_demand_hours * price + spot_cost);
  // Unlimited burstable instances: the surplus credits spent in the window and not paid down by
  // its end, at the flat rate per vCPU-hour (sources.md §1b; 60 credits = one vCPU-hour).
  if (const double surplus_s = b.tally(id).surplus_s; surplus_s > 0)
    out.add("ec2", c.name, surplus_s / 3600 * c.surplus_usd_per_vcpu_hour);
  out.add_spot_savings(spot_hours * price - spot_cost);
  // One public IPv4 per instance reached from the internet (sources.md §10, O). An Elastic IP
  // is billed attached or idle, so for the instances provisioned, alive or not.
  if (internet_facing_pool(b.model, id))
    out.add("public_ipv4", c.name, c.count * b.hours * b.rate("public_ipv4", "address_hour"));
}

/// A pool's connections: how long requests waited for one, how many gave up, how busy they were,
/// and how many the fleet may open against its database's max_connections.
void pool_figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Component& c = f.model.components[id];
  const ComponentState& st = f.model.states[id];
  const ComponentTally& t = st.tally;
  const int size = f.model.instances[c.first].pool;
  const Histogram& waits = st.pool_waits.front();
  cr.stats.emplace_back(ComponentStat::PoolSize, size);
  cr.stats.emplace_back(ComponentStat::PoolWaitMeanMs, waits.mean() / 1e6);
  cr.stats.emplace_back(ComponentStat::PoolWaitP99Ms, waits.quantile(0.99) / 1e6);
  cr.stats.emplace_back(ComponentStat::PoolWaitedShare,
                        t.pool_borrows ? static_cast<double>(t.pool_waited) / static_cast<double>(t.pool_borrows) : 0);
  cr.stats.emplace_back(ComponentStat::PoolTimeouts, static_cast<double>(t.pool_timeouts));
  cr.stats.emplace_back(ComponentStat::PoolUtilization, t.alive_area > 0 ? t.pool_held_ns / (t.alive_area * size) : 0);
  cr.stats.emplace_back(ComponentStat::PoolConnectionsMax, static_cast<double>(c.count) * size);
  // An rds instance's workers are its max_connections (rds.cpp's build).
  if (c.pool_db >= 0)
    cr.stats.emplace_back(ComponentStat::DbMaxConnections,
                          f.model.instances[f.model.components[static_cast<std::size_t>(c.pool_db)].first].workers);
}

void figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Component& c = f.model.components[id];
  network_figure(f, id, cr);
  if (c.count > 0 && f.model.instances[c.first].pool > 0) pool_figures(f, id, cr);
  if (c.count == 0 || !f.model.cpus[f.model.instances[c.first].cpu].credits.on()) return;
  double balance = 0;
  int alive = 0;
  for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
    if (const Instance& in = f.model.instances[i]; in.alive) {
      balance += std::max(0.0, f.model.cpus[in.cpu].credits.balance) / kCoreSecondsPerCredit;
      ++alive;
    }
  cr.stats.emplace_back(ComponentStat::CreditBalance, alive > 0 ? balance / alive : 0);
  cr.stats.emplace_back(ComponentStat::SurplusCredits,
                        std::max(0.0, f.model.states[id].tally.surplus_s) / kCoreSecondsPerCredit);
}

std::string summary(const ComponentReport& c) {
  bool burstable = false;
  for (const auto& [k, v] : c.stats) burstable |= k == ComponentStat::CreditBalance;
  std::string out = network_text(c);
  if (burstable)
    out += fmt::format("{}CPU credits {:.1f} each at the end, surplus {:.1f}", out.empty() ? "" : "; ",
                       c.stat(ComponentStat::CreditBalance), c.stat(ComponentStat::SurplusCredits));
  return out;
}

void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& ec2 = std::get<Ec2Spec>(cs.kind);
  n.detail = ec2.scaling ? fmt::format("{} x {}-{} (Auto Scaling)", ec2.instance, ec2.scaling->min, ec2.scaling->max)
                         : fmt::format("{} x {}", ec2.instance, ec2.count);
  if (ec2.purchase.spot > 0) n.detail += fmt::format(", {:g}% Spot", ec2.purchase.spot * 100);
  n.placements = spread_placements(ec2.azs, ec2.scaling ? ec2.scaling->max : ec2.count);
  if (n.placements.size() > 1) n.detail += fmt::format(" over {} AZs", n.placements.size());
}

}  // namespace ec2_detail

const ComponentKind& ec2_kind() {
  using namespace ec2_detail;
  static const ComponentKind kind{.type = "ec2",
                                  .hop = HopKind::Pool,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .figures = figures,
                                  .draw = draw,
                                  .summary = summary,
                                  .when_busy = "CPU"};
  return kind;
}

}  // namespace headroom
