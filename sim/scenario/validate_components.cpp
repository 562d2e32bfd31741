// Whole-scenario checks of each component (spec.md §7): what its references (targets, origin,
// host) name, and the settings that contradict each other across components.
#include <algorithm>

#include "validate_detail.hpp"

namespace headroom::validate_detail {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string type_article(const std::string& type) {
  const bool vowel_sound =
      type == "ec2" || type == "elb" || type == "elasticache" || type == "rds" || type == "s3" || type == "ebs";
  return (vowel_sound ? "an " : "a ") + type;
}

std::string unknown_component(const ScenarioSpec& spec, const std::string& name) {
  std::vector<std::string> names;
  for (const auto& c : spec.components) names.push_back(c.name);
  const std::string suffix = suggestion_suffix(name, names);
  return "unknown component '" + name + "'" +
         (suffix.empty() ? " (components: " + joined(names) + ")" : suffix);
}

std::string origin_of(const ComponentSpec& c) {
  if (const auto* cache = std::get_if<CacheSpec>(&c.kind)) return cache->origin;
  if (const auto* cdn = std::get_if<CloudFrontSpec>(&c.kind)) return cdn->origin;
  return "";
}

std::string origin_problem(const ScenarioSpec& spec, const ComponentSpec& c) {
  const std::string origin = origin_of(c);
  if (origin.empty()) return "";
  const ComponentSpec* o = spec.find(origin);
  if (o == nullptr) return unknown_component(spec, origin);
  if (c.type == "cloudfront") {
    // CloudFront fetches over HTTP from an S3 bucket or a web origin (a load balancer or an
    // instance); a database or a cache is not an HTTP origin.
    if (o->type != "s3" && o->type != "elb" && o->type != "ec2")
      return "a cloudfront origin is an s3, elb or ec2 component; '" + origin + "' is " +
             type_article(o->type);
    return "";
  }
  if (origin == c.name) return "a cache cannot be its own origin";
  if (o->type == "cloudfront" || o->type == "route53")
    return "'" + origin + "' is " + type_article(o->type) +
           ", which must be the first hop of a path: it cannot be an origin";
  return "";
}

OriginChain origin_chain(const ScenarioSpec& spec, const ComponentSpec& last) {
  OriginChain out;
  std::vector<std::string> seen{last.name};
  for (const ComponentSpec* at = &last; !origin_of(*at).empty();) {
    if (!origin_problem(spec, *at).empty()) {
      out.broken = true;
      break;
    }
    at = spec.find(origin_of(*at));
    out.hops.push_back(at->name);
    if (std::find(seen.begin(), seen.end(), at->name) != seen.end()) {
      out.cycle = true;
      break;
    }
    seen.push_back(at->name);
    if (const auto* elb = std::get_if<ElbSpec>(&at->kind)) {
      // A load balancer passes the request to its targets, which end the chain.
      const ComponentSpec* target = spec.find(elb->targets);
      if (target == nullptr || target->type != "ec2")
        out.broken = true;
      else
        out.hops.push_back(target->name);
      break;
    }
  }
  return out;
}

namespace {

class ComponentChecks {
 public:
  ComponentChecks(const ScenarioSpec& spec, Diagnostics& out) : spec_(spec), out_(out) {
    for (const auto& c : spec.traffic) classes_.push_back(c.name);
  }

  void run() {
    for (const auto& c : spec_.components) component(c);
  }

 private:
  void component(const ComponentSpec& c) {
    const std::string base = "components." + c.name;
    if (const auto* elb = std::get_if<ElbSpec>(&c.kind)) {
      const ComponentSpec* target = spec_.find(elb->targets);
      if (target == nullptr)
        out_.error(c.loc_of("targets"), base + ".targets", unknown_component(spec_, elb->targets));
      else if (target->type != "ec2")
        out_.error(c.loc_of("targets"), base + ".targets",
                   "an elb routes to an ec2 component; '" + elb->targets + "' is " +
                       type_article(target->type));
    }
    if (const auto* ebs = std::get_if<EbsSpec>(&c.kind)) {
      const ComponentSpec* pool = spec_.find(ebs->attach);
      if (pool == nullptr)
        out_.error(c.loc_of("attach"), base + ".attach", unknown_component(spec_, ebs->attach));
      else if (pool->type != "ec2")
        out_.error(c.loc_of("attach"), base + ".attach",
                   "an ebs volume attaches to the instances of an ec2 component; '" + ebs->attach + "' is " +
                       type_article(pool->type) +
                       (pool->type == "rds" ? " (an rds bills its own storage: set its `storage`)" : ""));
    }
    if (const auto* ec2 = std::get_if<Ec2Spec>(&c.kind); ec2 && ec2->scaling) {
      bool behind_elb = false;
      for (const auto& other : spec_.components)
        if (const auto* e = std::get_if<ElbSpec>(&other.kind); e && e->targets == c.name) behind_elb = true;
      if (!behind_elb)
        out_.error(c.loc_of("scaling"), base + ".scaling",
                   "an Auto Scaling group needs an elb in front of it (targets: " + c.name +
                       "): only a balancer learns of the instances it launches");
    }
    if (const std::string why = origin_problem(spec_, c); !why.empty())
      out_.error(c.loc_of("origin"), base + ".origin", why);
    else
      origin_cycle(c, base);
    if (const auto* rds = std::get_if<RdsSpec>(&c.kind)) {
      if (rds->reads_from == "replicas" && rds->read_replicas == 0)
        out_.error(c.loc_of("reads_from"), base + ".reads_from",
                   "'replicas' needs read_replicas of at least 1 ('" + c.name + "' has none)");
      host(c, rds->host, base);
      if (!rds->host.empty() && rds->read_replicas > 0)
        out_.error(c.loc_of("read_replicas"), base + ".read_replicas",
                   "a database on a host has no read replicas: co-location is the single box of "
                   "day 1 (remove host to add replicas)");
      if (!rds->host.empty() && rds->multi_az)
        out_.error(c.loc_of("multi_az"), base + ".multi_az",
                   "a database on a host cannot be Multi-AZ: its standby needs an instance of its "
                   "own in another AZ (remove host or multi_az)");
    }
    if (const auto* cache = std::get_if<CacheSpec>(&c.kind)) {
      host(c, cache->host, base);
      if (!cache->host.empty() && cache->nodes > 1)
        out_.error(c.loc_of("nodes"), base + ".nodes",
                   "a cache on a host is one node on that box (remove host for more nodes)");
    }
    if (const auto* ec2 = std::get_if<Ec2Spec>(&c.kind))
      for (const auto& [cls, dist] : ec2->service_by_class)
        if (std::find(classes_.begin(), classes_.end(), cls) == classes_.end()) {
          const std::string suffix = suggestion_suffix(cls, classes_);
          out_.error(dist.loc, base + ".service_by_class",
                     "unknown request class '" + cls + "'" +
                         (suffix.empty() ? " (classes: " + joined(classes_) + ")" : suffix));
        }
  }

  // Co-location (spec.md §3, `host:`): the database or cache shares the CPU of the one instance of
  // an ec2 component, as on day 1 when everything runs on one box.
  void host(const ComponentSpec& c, const std::string& host, const std::string& base) {
    if (host.empty()) return;
    const ComponentSpec* h = spec_.find(host);
    const auto* ec2 = h == nullptr ? nullptr : std::get_if<Ec2Spec>(&h->kind);
    if (h == nullptr)
      out_.error(c.loc_of("host"), base + ".host", unknown_component(spec_, host));
    else if (ec2 == nullptr)
      out_.error(
          c.loc_of("host"), base + ".host",
          "a host is the ec2 component this runs on; '" + host + "' is " + type_article(h->type));
    else if (ec2->scaling)
      out_.error(c.loc_of("host"), base + ".host",
                 "co-location is for the day-1 box, one instance: '" + host + "' is an Auto Scaling group");
    else if (ec2->count != 1)
      out_.error(c.loc_of("host"), base + ".host",
                 "co-location is for the day-1 box, one instance: '" + host + "' has count " +
                     std::to_string(ec2->count) + " (give " + c.name +
                     " an instance of its own, without host)");
  }

  // Origins that lead back to themselves would send a miss round for ever. Reported once per
  // circle, at the member that comes first in the file.
  void origin_cycle(const ComponentSpec& c, const std::string& base) {
    const OriginChain chain = origin_chain(spec_, c);
    if (!chain.cycle || chain.hops.back() != c.name) return;
    const auto index = [&](const std::string& name) {
      return std::find_if(spec_.components.begin(), spec_.components.end(),
                          [&](const ComponentSpec& x) { return x.name == name; }) -
             spec_.components.begin();
    };
    for (const auto& name : chain.hops)
      if (index(name) < index(c.name)) return;
    std::string circle = c.name;
    for (const auto& name : chain.hops) circle += " -> " + name;
    out_.error(c.loc_of("origin"), base + ".origin",
               "origins go round in a circle (" + circle + "): a miss would never be answered");
  }

  const ScenarioSpec& spec_;
  Diagnostics& out_;
  std::vector<std::string> classes_;
};

}  // namespace

void validate_components(const ScenarioSpec& spec, Diagnostics& out) {
  ComponentChecks(spec, out).run();
}

}  // namespace headroom::validate_detail
