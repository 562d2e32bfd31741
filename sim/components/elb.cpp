// elb: an Application Load Balancer (spec.md §3) in front of an ec2 pool; cross-zone on. It
// routes only to targets its health checks believe healthy (runtime/health.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace elb_detail {

int as_int(std::int64_t v) { return static_cast<int>(v); }

void read_health_check(Reader& r, const Field& f, ElbHealthCheckSpec& h) {
  const MapReader m(r, f, scenario_registry().at("health_check"));
  if (auto v = r.duration(m.get("interval"), /*positive=*/true)) h.interval = *v;
  if (auto v = r.duration(m.get("timeout"), /*positive=*/true)) h.timeout = *v;
  // ALB limits (sources.md §11b): thresholds 2-10, and the timeout shorter than the interval.
  if (auto v = r.integer(m.get("healthy"), 2, 10)) h.healthy = as_int(*v);
  if (auto v = r.integer(m.get("unhealthy"), 2, 10)) h.unhealthy = as_int(*v);
  if ((m.has("timeout") || m.has("interval")) && h.timeout >= h.interval)
    r.error(m.has("timeout") ? m.get("timeout") : m.get("interval"),
            "timeout (" + format_duration(h.timeout) + ") must be shorter than interval (" +
                format_duration(h.interval) + ")");
}

void read_elb(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.elb");
  ElbSpec e;
  if (auto v = r.name(m.get("targets"))) e.targets = *v;
  if (auto v = r.choice(m.get("algorithm"), *s.find("algorithm"))) e.algorithm = *v;
  if (m.has("health_check")) read_health_check(r, m.get("health_check"), e.health_check);
  // ALB idle timeout is 1-4000 s (sources.md §11b).
  if (auto v = r.duration(m.get("idle_timeout"), /*positive=*/true)) {
    if (*v > 4000 * kSecond)
      r.error(m.get("idle_timeout"),
              "must be at most 4000s (the ALB limit), found " + format_duration(*v));
    else
      e.idle_timeout = *v;
  }
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  c.kind = e;
}

}  // namespace elb_detail
}  // namespace headroom::yaml

namespace headroom {
namespace elb_detail {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  check_reference(spec, c, "targets", std::get<ElbSpec>(c.kind).targets, "ec2", "an elb routes to an ec2 component", out);
}

void params(ParamRegistry& r) {
  r.add(with_rules(component(
      "elb", yaml::elb_detail::read_elb, "An Application Load Balancer in front of an ec2 component; cross-zone on.",
      {req("targets", K::Reference, "the ec2 component it routes to"),
       one_of("algorithm", {"round_robin", "least_outstanding"}, "round_robin", "routing"),
       opt("health_check", K::Map, "{interval: 30s, timeout: 5s, healthy: 5, unhealthy: 2}",
           "target health checks (sources.md §11b)"),
       opt("idle_timeout", K::Time, "60s", "a request open longer gets a 504"), azs()}), HopRules{}, validate));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& elb = std::get<ElbSpec>(cs.kind);
  c.least_outstanding = elb.algorithm == "least_outstanding";
  c.lb_target = b.id_of(elb.targets);
  c.health = elb.health_check;
  c.idle_timeout = elb.idle_timeout;
  // One load-balancer node per AZ it is enabled in (default: its targets' AZs); DNS spreads
  // clients evenly across the live nodes.
  std::vector<std::string> azs = elb.azs;
  if (azs.empty())
    if (const auto* t = b.spec.find(elb.targets))
      if (const auto* te = std::get_if<Ec2Spec>(&t->kind)) azs = te->azs;
  if (azs.empty()) azs = {"a"};
  for (const auto& az : azs) b.add_instance(id, b.intern_az(az), 0);
}

/// Registers every target of the pool it fronts; those not launched yet start unhealthy.
void link(BuildContext& b, const ComponentSpec&, std::uint16_t id) {
  Model& m = b.model;
  ComponentState& s = m.states[id];
  const Component& t = m.components[m.components[id].lb_target];
  s.targets.assign(t.count, TargetHealth{});
  for (std::uint32_t i = 0; i < t.count; ++i) {
    if (m.instances[t.first + i].life == Life::InService) s.healthy_list.push_back(i);
    else s.targets[i].healthy = false;  // not launched yet: not registered
  }
}

/// An ALB's connections per second opened and held open, from its requests per second.
struct Connections {
  double new_per_s = 0, active = 0;
};

/// A browser keeps one connection to the ALB alive across a user's requests (HTTP/2 carries a
/// page's requests on one connection: sources.md §4), and the ALB closes it once it has been
/// idle for `idle_timeout` (sources.md §4). A user's requests reaching the ALB come every `gap`
/// seconds on average, as a Poisson stream: the next one finds its connection closed with
/// probability e^(-idle/gap) and opens a new one; the connection is open for min(gap, idle) of
/// each gap, 1 - e^(-idle/gap) of the time, for each of the rate × gap users. With a load given
/// as a rate there are no users to follow: one connection per request, each open for less than
/// a minute (so the active connections in a minute are its requests).
Connections connections(double per_s, double gap, double idle) {
  if (gap <= 0) return {per_s, per_s * 60};
  const double closed = std::exp(-idle / gap);
  return {per_s * closed, per_s * gap * (1 - closed)};
}

void bill(const BillContext& b, const ComponentSpec&, std::uint16_t id, Bill& out) {
  const Component& c = b.model.components[id];
  out.add("elb", c.name, b.hours * b.rate("elb", "alb_hour"));
  // LCUs: the largest of four dimensions (sources.md §4), over the period's averages (AWS
  // takes the maximum hour by hour; a curve that peaks costs a little more than this).
  // Processed bytes are both ways, requests and responses. One rule per request: under the
  // 10 free ones.
  const double per_s = static_cast<double>(b.tally(id).ops) / b.seconds;
  const Connections conn = connections(per_s, b.user_gap_s(id), to_seconds(c.idle_timeout));
  const double rules = std::max(0.0, 1 - b.rate("elb", "free_rules_per_request"));
  const double processed_gb = (b.tally(id).bytes + b.tally(id).request_bytes) / 1e9;
  const double lcus = std::max({conn.new_per_s / b.rate("elb", "lcu_new_connections"),
                                conn.active / b.rate("elb", "lcu_active_connections"),
                                processed_gb / b.hours / b.rate("elb", "lcu_processed_bytes"),
                                per_s * rules / b.rate("elb", "lcu_rule_evaluations")});
  out.add("elb", c.name, lcus * b.hours * b.rate("elb", "lcu_hour"));
  // One public IPv4 per node, one node per enabled AZ (sources.md §10, T/E).
  out.add("public_ipv4", c.name, c.count * b.hours * b.rate("public_ipv4", "address_hour"));
}

void figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const ComponentState& st = f.model.states[id];
  cr.stats.emplace_back(ComponentStat::MarkedUnhealthy, static_cast<double>(st.marked_unhealthy));
  cr.stats.emplace_back(ComponentStat::FailOpenSeconds, to_seconds(st.open_ns));
}

void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& elb = std::get<ElbSpec>(cs.kind);
  n.detail = "ALB, " + elb.algorithm;
  n.placements = spread_placements(elb.azs, static_cast<int>(azs_or_default(elb.azs).size()));
}

}  // namespace elb_detail

const ComponentKind& elb_kind() {
  using namespace elb_detail;
  static const ComponentKind kind{.type = "elb",
                                  .hop = HopKind::Lb,
                                  .params = params,
                                  .build = build,
                                  .link = link,
                                  .bill = bill,
                                  .figures = figures,
                                  .draw = draw};
  return kind;
}

}  // namespace headroom
