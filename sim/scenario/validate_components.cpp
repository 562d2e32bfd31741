// Whole-scenario checks of each component (spec.md §7): what its references (targets, origin,
// host) name, and the settings that contradict each other across components.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "headroom/scenario/registry.hpp"
#include "validate_detail.hpp"

namespace headroom::validate_detail {

std::string type_article(const std::string& type) {
  // A kind's noun says how its name is read aloud ("an rds database", "a dynamodb table"); a kind
  // without one is read as a word, so a vowel takes "an" ("an ec2", "an apigateway").
  const SectionInfo* section = scenario_registry().component(type);
  const std::string noun = section != nullptr ? section->hop.noun : "";
  if (noun.starts_with("an " + type)) return "an " + type;
  if (noun.starts_with("a " + type)) return "a " + type;
  const bool vowel = !type.empty() && std::string_view("aeiou").find(type.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + type;
}

std::string unknown_component(const ScenarioSpec& spec, const std::string& name) {
  std::vector<std::string> names;
  for (const auto& c : spec.components) names.push_back(c.name);
  const std::string suffix = suggestion_suffix(name, names);
  return "unknown component '" + name + "'" +
         (suffix.empty() ? " (components: " + fmt::format("{}", fmt::join(names, ", ")) + ")" : suffix);
}

std::string origin_problem(const ScenarioSpec& spec, const ComponentSpec& c) {
  const std::string origin = c.origin();
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
  for (const ComponentSpec* at = &last; !at->origin().empty();) {
    if (!origin_problem(spec, *at).empty()) {
      out.broken = true;
      break;
    }
    at = spec.find(at->origin());
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

// Co-location (spec.md §3, `host:`): the database or cache shares the CPU of the one instance of
// an ec2 component, as on day 1 when everything runs on one box.
void check_host(const ScenarioSpec& spec, const ComponentSpec& c, const std::string& host,
                const std::string& base, Diagnostics& out) {
  if (host.empty()) return;
  const ComponentSpec* h = spec.find(host);
  const auto* ec2 = h == nullptr ? nullptr : std::get_if<Ec2Spec>(&h->kind);
  if (h == nullptr)
    out.error(c.loc_of("host"), base + ".host", unknown_component(spec, host));
  else if (ec2 == nullptr)
    out.error(
        c.loc_of("host"), base + ".host",
        "a host is the ec2 component this runs on; '" + host + "' is " + type_article(h->type));
  else if (ec2->scaling)
    out.error(c.loc_of("host"), base + ".host",
               "co-location is for the day-1 box, one instance: '" + host + "' is an Auto Scaling group");
  else if (ec2->count != 1)
    out.error(c.loc_of("host"), base + ".host",
               "co-location is for the day-1 box, one instance: '" + host + "' has count " +
                   std::to_string(ec2->count) + " (give " + c.name +
                   " an instance of its own, without host)");
}

const ComponentSpec* check_reference(const ScenarioSpec& spec, const ComponentSpec& c, const std::string& key,
                                     const std::string& name, const std::string& type, const std::string& what,
                                     Diagnostics& out) {
  const std::string where = "components." + c.name + "." + key;
  const ComponentSpec* t = spec.find(name);
  if (t == nullptr) {
    out.error(c.loc_of(key), where, unknown_component(spec, name));
    return nullptr;
  }
  if (t->type == type) return t;
  out.error(c.loc_of(key), where, what + "; '" + name + "' is " + type_article(t->type));
  return nullptr;
}

void check_consumer(const ScenarioSpec& spec, const ConsumerSpec& k, const std::string& where, Diagnostics& out) {
  const ComponentSpec* fn = spec.find(k.function);
  if (fn == nullptr)
    out.error(k.loc, where, unknown_component(spec, k.function));
  else if (fn->type != "lambda")
    out.error(k.loc, where, "a stream's consumer is a lambda component; '" + k.function + "' is " + type_article(fn->type));
}

namespace {

class ComponentChecks {
 public:
  ComponentChecks(const ScenarioSpec& spec, Diagnostics& out) : spec_(spec), out_(out) {}

  void run() {
    for (const auto& c : spec_.components) component(c);
  }

 private:
  void component(const ComponentSpec& c) {
    const std::string base = "components." + c.name;
    if (const std::string why = origin_problem(spec_, c); !why.empty())
      out_.error(c.loc_of("origin"), base + ".origin", why);
    else
      origin_cycle(c, base);
    // What its kind checks itself (sim/components/<kind>.cpp).
    if (const ComponentValidator check = scenario_registry().at("component." + c.type).validate) check(spec_, c, out_);
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
};

}  // namespace

void validate_components(const ScenarioSpec& spec, Diagnostics& out) {
  ComponentChecks(spec, out).run();
}

}  // namespace headroom::validate_detail
