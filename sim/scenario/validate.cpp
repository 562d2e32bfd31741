// Whole-scenario checks (SPEC §7): references between components, what each path may do, and
// the class shares. The reader has already checked each value on its own.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "headroom/scenario/load.hpp"

namespace headroom {
namespace {

// The engine keeps a request's hops in a fixed-size stack of this many (its limit).
constexpr std::size_t kMaxHops = 8;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string type_article(const std::string& type) {
  const bool vowel_sound =
      type == "ec2" || type == "elb" || type == "elasticache" || type == "rds" || type == "s3";
  return (vowel_sound ? "an " : "a ") + type;
}

class Validator {
 public:
  Validator(const ScenarioSpec& spec, Diagnostics& out) : spec_(spec), out_(out) {
    for (const auto& c : spec.components) names_.push_back(c.name);
    for (const auto& c : spec.traffic) classes_.push_back(c.name);
  }

  void run() {
    classes();
    for (std::size_t i = 0; i < spec_.traffic.size(); ++i) path(i);
    for (const auto& c : spec_.components) component(c);
  }

 private:
  std::string unknown(const std::string& name) const {
    const std::string suffix = suggestion_suffix(name, names_);
    return "unknown component '" + name + "'" +
           (suffix.empty() ? " (components: " + joined(names_) + ")" : suffix);
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
    for (std::size_t j = 0; j < c.path.size(); ++j) {
      const HopSpec& hop = c.path[j];
      const std::string where = base + "[" + std::to_string(j) + "]";
      const ComponentSpec* comp = spec_.find(hop.component);
      if (comp == nullptr) {
        out_.error(hop.loc, where, unknown(hop.component));
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
      const HopSpec* next = j + 1 < c.path.size() ? &c.path[j + 1] : nullptr;
      const std::string next_where = base + "[" + std::to_string(j + 1) + "]";
      // After a database that is not last, the rest of the path is moot.
      if (!hop_rules(*comp, hop, where, next, next_where)) break;
    }
  }

  // The rules of one hop; false when the path cannot go on past it.
  bool hop_rules(const ComponentSpec& comp, const HopSpec& hop, const std::string& where,
                 const HopSpec* next, const std::string& next_where) {
    const std::string& name = comp.name;
    if (comp.type == "rds") {
      if (hop.op.empty()) {
        out_.error(
            hop.loc, where,
            "'" + name + "' is an rds database: write " + name + ".read or " + name + ".write");
      } else if (hop.op != "read" && hop.op != "write") {
        const std::string suffix = suggestion_suffix(hop.op, {"read", "write"});
        out_.error(hop.loc, where,
                   "unknown operation '" + hop.op + "' on rds '" + name + "'" +
                       (suffix.empty() ? " (rds takes read or write)" : suffix));
      }
      if (next == nullptr) return true;
      out_.error(hop.loc, where,
                 "'" + name +
                     "' is a database and must be the last hop (a "
                     "database does not call onward), found '" +
                     next->component + "' after it");
      return false;
    }
    if (!hop.op.empty())
      out_.error(hop.loc, where,
                 "'" + name + "' is " + type_article(comp.type) +
                     " component and takes no operation; write '" + name + "'");
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
        out_.error(next->loc, next_where,
                   "'" + name +
                       "' is a load balancer: the next hop "
                       "must be its targets '" +
                       elb->targets + "', found '" + next->component + "'");
    }
    if (const auto* cache = std::get_if<CacheSpec>(&comp.kind))
      if (next == nullptr && cache->origin.empty())
        out_.error(hop.loc, where,
                   "'" + name +
                       "' is the last hop and has no origin: on a miss "
                       "the request has nowhere to go (add a hop after it or give " +
                       name + " an origin)");
    return true;
  }

  bool targets_ok(const ElbSpec& elb) const {
    const ComponentSpec* target = spec_.find(elb.targets);
    return target != nullptr && target->type == "ec2";
  }

  void component(const ComponentSpec& c) {
    const std::string base = "components." + c.name;
    if (const auto* elb = std::get_if<ElbSpec>(&c.kind)) {
      const ComponentSpec* target = spec_.find(elb->targets);
      if (target == nullptr)
        out_.error(c.loc_of("targets"), base + ".targets", unknown(elb->targets));
      else if (target->type != "ec2")
        out_.error(c.loc_of("targets"), base + ".targets",
                   "an elb routes to an ec2 component; '" + elb->targets + "' is " +
                       type_article(target->type));
    }
    if (const auto* cache = std::get_if<CacheSpec>(&c.kind)) {
      if (!cache->origin.empty() && spec_.find(cache->origin) == nullptr)
        out_.error(c.loc_of("origin"), base + ".origin", unknown(cache->origin));
      else if (cache->origin == c.name)
        out_.error(c.loc_of("origin"), base + ".origin", "a cache cannot be its own origin");
    }
    if (const auto* rds = std::get_if<RdsSpec>(&c.kind))
      if (rds->reads_from == "replicas" && rds->read_replicas == 0)
        out_.error(c.loc_of("reads_from"), base + ".reads_from",
                   "'replicas' needs read_replicas of at least 1 ('" + c.name + "' has none)");
    if (const auto* ec2 = std::get_if<Ec2Spec>(&c.kind))
      for (const auto& [cls, dist] : ec2->service_by_class)
        if (std::find(classes_.begin(), classes_.end(), cls) == classes_.end()) {
          const std::string suffix = suggestion_suffix(cls, classes_);
          out_.error(dist.loc, base + ".service_by_class",
                     "unknown request class '" + cls + "'" +
                         (suffix.empty() ? " (classes: " + joined(classes_) + ")" : suffix));
        }
  }

  const ScenarioSpec& spec_;
  Diagnostics& out_;
  std::vector<std::string> names_, classes_;
};

}  // namespace

void validate_scenario(const ScenarioSpec& spec, Diagnostics& out) {
  Validator(spec, out).run();
}

}  // namespace headroom
