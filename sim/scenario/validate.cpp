// Whole-scenario checks (spec.md §7): the class shares and what each path may do. Components and
// faults are checked in validate_components.cpp and validate_faults.cpp; the reader has
// already checked each value on its own.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "headroom/scenario/validate.hpp"
#include "headroom/scenario/registry.hpp"
#include "validate_detail.hpp"

namespace headroom {
namespace {

using namespace validate_detail;

// How a component of `type` stands in a path: its kind's rules (sim/components/<kind>.cpp).
const HopRules& rules(const std::string& type) { return scenario_registry().at("component." + type).hop; }

class Validator {
 public:
  Validator(const ScenarioSpec& spec, Diagnostics& out) : spec_(spec), out_(out) {}

  void run() {
    classes();
    for (std::size_t i = 0; i < spec_.traffic.size(); ++i) path(i);
    slo_classes();
  }

 private:
  // `slo: {classes: {NAME: …}}` names classes of `traffic`, each once.
  void slo_classes() {
    std::vector<std::string> names;
    for (const ClassSpec& c : spec_.traffic) names.push_back(c.name);
    std::set<std::string> seen;
    for (const ClassSloSpec& c : spec_.slo_classes) {
      const std::string where = "slo.classes." + c.name;
      if (!seen.insert(c.name).second) {
        out_.error(c.loc, where, "class '" + c.name + "' is given an SLO twice");
        continue;
      }
      if (std::find(names.begin(), names.end(), c.name) != names.end()) continue;
      const std::string suffix = suggestion_suffix(c.name, names);
      out_.error(c.loc, where,
                 "unknown class '" + c.name + "'" +
                     (suffix.empty() ? fmt::format(" (traffic classes: {})", fmt::join(names, ", ")) : suffix));
    }
  }

  void classes() {
    std::map<std::string, int> first_line;
    double sum = 0;
    for (std::size_t i = 0; i < spec_.traffic.size(); ++i) {
      const ClassSpec& c = spec_.traffic[i];
      sum += c.share;
      const std::string where = "traffic[" + std::to_string(i) + "].name";
      if (first_line.count(c.name) != 0)
        out_.error(c.loc, where,
                   "duplicate class name '" + c.name + "' (first at line " +
                       std::to_string(first_line[c.name]) + ")");
      else
        first_line[c.name] = c.loc.line;
    }
    if (!spec_.traffic.empty() && std::abs(sum - 1) > 1e-6)
      out_.error(spec_.loc_of("traffic"), "traffic",
                 fmt::format("the shares sum to {:.6g}%, not 100%", sum * 100));
  }

  void path(std::size_t index) {
    const ClassSpec& c = spec_.traffic[index];
    const std::string base = "traffic[" + std::to_string(index) + "].path";
    if (c.path.size() > kMaxHops)
      out_.error(c.path[kMaxHops].loc, base,
                 "a path has at most " + std::to_string(kMaxHops) + " hops, found " +
                     std::to_string(c.path.size()));
    std::set<std::string> seen;
    bool whole = true;  // every hop names a component and the path runs to its end
    for (std::size_t j = 0; j < c.path.size(); ++j) {
      const HopSpec& hop = c.path[j];
      const std::string where = base + "[" + std::to_string(j) + "]";
      const ComponentSpec* comp = spec_.find(hop.component);
      if (comp == nullptr) {
        out_.error(hop.loc, where, unknown_component(spec_, hop.component));
        whole = false;
        continue;
      }
      if (!seen.insert(hop.component).second) {
        out_.error(hop.loc, where,
                   "'" + hop.component +
                       "' appears twice in this path: a request would hold a "
                       "worker of it while waiting for another of the same pool, which can "
                       "deadlock; give the second tier its own component");
        continue;
      }
      if (!rules(comp->type).in_paths) {
        out_.error(hop.loc, where,
                   "'" + hop.component + "' is " + rules(comp->type).noun + ": storage attached to instances, not a hop of a path");
        whole = false;
        break;
      }
      operation(*comp, hop, where);
      if (j > 0) first_rules(*comp, hop, c.path[j - 1], where);
      // After a hop that must be last but is not, the rest of the path is moot.
      if (!hop_rules(*comp, hop, c, j, base)) {
        whole = false;
        break;
      }
    }
    if (whole && !c.path.empty() && c.path.size() <= kMaxHops) origin_rules(c, base);
  }

  void operation(const ComponentSpec& comp, const HopSpec& hop, const std::string& where) {
    const std::string& name = comp.name;
    const HopRules& hr = rules(comp.type);
    const std::vector<std::string>& ops = hr.operations;
    if (ops.empty()) {
      if (!hop.op.empty())
        out_.error(hop.loc, where,
                   "'" + name + "' is " + type_article(comp.type) +
                       " component and takes no operation; write '" + name + "'");
      return;
    }
    if (hop.op.empty()) {
      if (hr.operation_required && ops.size() == 1)
        out_.error(hop.loc, where, "'" + name + "' is " + hr.noun + ": write " + name + "." + ops[0]);
      else if (hr.operation_required)
        out_.error(hop.loc, where,
                   "'" + name + "' is " + hr.noun + ": write " + name + "." + ops[0] + " or " + name + "." + ops[1]);
      return;
    }
    if (std::find(ops.begin(), ops.end(), hop.op) != ops.end()) return;
    const std::string suffix = suggestion_suffix(hop.op, ops);
    const std::string takes =
        ops.size() == 1 ? comp.type + " takes " + ops[0]
                        : comp.type + " takes " + ops[0] + " or " + ops[1] + (hr.operation_required ? "" : ", or none");
    out_.error(hop.loc, where,
               "unknown operation '" + hop.op + "' on " + comp.type + " '" + name + "'" +
                   (suffix.empty() ? " (" + takes + ")" : suffix));
  }

  // Clients arrive at the edge (CloudFront) after resolving the name (Route 53): neither can
  // sit behind another hop, except an edge behind the DNS lookup.
  void first_rules(const ComponentSpec& comp, const HopSpec& hop, const HopSpec& prev,
                   const std::string& where) {
    const std::string& name = comp.name;
    if (comp.type == "route53")
      out_.error(hop.loc, where,
                 "'" + name +
                     "' is route53 DNS and must be the first hop of a path (clients resolve the "
                     "name before anything else), found after '" +
                     prev.component + "'");
    const ComponentSpec* before = spec_.find(prev.component);
    if (comp.type == "apigateway" && (before == nullptr || (before->type != "route53" && before->type != "cloudfront")))
      out_.error(hop.loc, where,
                 "'" + name +
                     "' is an apigateway and must be the first hop of a path, or follow a route53 or "
                     "cloudfront (it is where clients arrive), found after '" +
                     prev.component + "'");
    if (comp.type == "cloudfront" && (before == nullptr || before->type != "route53"))
      out_.error(hop.loc, where,
                 "'" + name +
                     "' is a cloudfront edge and must be the first hop of a path, or follow a "
                     "route53 (the edge is where clients arrive), found after '" +
                     prev.component + "'");
  }

  // The rules of one hop about what follows it; false when the path cannot go on past it.
  bool hop_rules(const ComponentSpec& comp, const HopSpec& hop, const ClassSpec& c, std::size_t j,
                 const std::string& base) {
    const std::string& name = comp.name;
    const std::string where = base + "[" + std::to_string(j) + "]";
    const HopSpec* next = j + 1 < c.path.size() ? &c.path[j + 1] : nullptr;
    if (const std::string& why = rules(comp.type).last_reason; !why.empty()) {
      if (next == nullptr) return true;
      out_.error(hop.loc, where,
                 "'" + name + "' " + why + ", found '" + next->component + "' after it");
      return false;
    }
    const auto* elb = std::get_if<ElbSpec>(&comp.kind);
    // A dangling `targets:` is reported once, at the elb, not again at every path through it.
    if (elb != nullptr && targets_ok(*elb)) {
      if (next == nullptr)
        out_.error(hop.loc, where,
                   "'" + name +
                       "' is a load balancer and must be followed by "
                       "its targets '" +
                       elb->targets + "'");
      else if (next->component != elb->targets)
        out_.error(next->loc, base + "[" + std::to_string(j + 1) + "]",
                   "'" + name +
                       "' is a load balancer: the next hop "
                       "must be its targets '" +
                       elb->targets + "', found '" + next->component + "'");
    }
    if (comp.type == "apigateway" && next == nullptr)
      out_.error(hop.loc, where,
                 "'" + name + "' is an apigateway and needs an integration after it (e.g. a lambda)");
    if (comp.type == "elasticache" && next == nullptr && comp.origin().empty())
      out_.error(hop.loc, where,
                 "'" + name +
                     "' is the last hop and has no origin: on a miss "
                     "the request has nowhere to go (add a hop after it or give " +
                     name + " an origin)");
    return true;
  }

  // A miss at a cache-like last hop goes on to its origin (and on from there): the path with
  // those hops must still fit the engine and not come back to a pool it holds.
  void origin_rules(const ClassSpec& c, const std::string& base) {
    const HopSpec& last = c.path.back();
    const ComponentSpec* comp = spec_.find(last.component);
    const OriginChain chain = origin_chain(spec_, *comp);
    if (chain.broken || chain.cycle || chain.hops.empty()) return;  // reported at a component
    for (std::size_t k = 0; k < chain.hops.size(); ++k) {
      const std::string& h = chain.hops[k];
      if (std::none_of(c.path.begin(), c.path.end(),
                       [&](const HopSpec& x) { return x.component == h; }))
        continue;
      std::string route;
      for (std::size_t i = 0; i <= k; ++i) route += (i == 0 ? "'" : " -> '") + chain.hops[i] + "'";
      out_.error(last.loc, base + "[" + std::to_string(c.path.size() - 1) + "]",
                 "on a miss '" + last.component + "' goes on to " + route + ", and '" + h +
                     "' is already in this path: a request would wait for a worker of a pool it "
                     "holds, which can deadlock");
      return;
    }
    const std::size_t total = c.path.size() + chain.hops.size();
    if (total > kMaxHops)
      out_.error(last.loc, base,
                 "a path has at most " + std::to_string(kMaxHops) + " hops, found " +
                     std::to_string(total) + " counting the origin chain after '" + last.component +
                     "' (" + fmt::format("{}", fmt::join(chain.hops, ", ")) + ")");
  }

  bool targets_ok(const ElbSpec& elb) const {
    const ComponentSpec* target = spec_.find(elb.targets);
    return target != nullptr && target->type == "ec2";
  }

  const ScenarioSpec& spec_;
  Diagnostics& out_;
};

}  // namespace

void validate_scenario(const ScenarioSpec& spec, Diagnostics& out) {
  Validator(spec, out).run();
  validate_detail::validate_components(spec, out);
  validate_detail::validate_faults(spec, out);
  validate_detail::validate_serverless(spec, out);
  validate_detail::validate_limits(spec, out);
}

}  // namespace headroom
