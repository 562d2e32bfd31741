// The `components:` map (spec.md §3): the type decides which keys are allowed (the registry's
// section "component.TYPE"); ec2 and elb are read here, the data stores in stores_reader.cpp,
// the managed services in managed_reader.cpp.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <limits>

#include "headroom/core/units.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

int as_int(std::int64_t v) {
  return static_cast<int>(v);
}

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
  const Field by_class = m.get("service_by_class");
  if (by_class && !by_class.node.IsMap() && !by_class.node.IsNull()) {
    r.error(by_class,
            "expected a map of class name -> CPU demand, found " + describe(by_class.node));
  } else if (by_class) {
    for (auto it = by_class.node.begin(); it != by_class.node.end(); ++it) {
      const std::string cls = it->first.Scalar();
      if (auto d = read_dist(r, Field{true, it->second, child_path(by_class.path, cls)}))
        e.service_by_class[cls] = *d;
    }
  }
  c.kind = e;
}

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

// Names are used in paths as `name` or `name.op`, so a dot (or brackets, or a space) in one
// would make a path ambiguous.
std::string bad_name_reason(const std::string& name) {
  if (name.empty()) return "a component needs a name";
  for (char ch : name)
    if (ch == '.' || ch == '[' || ch == ']' || ch == ' ' || ch == '=')
      return "component name '" + name + "' may not contain '" + std::string(1, ch) +
             "' (paths write component.op)";
  return "";
}

void read_component(Reader& r, const Field& f, const std::string& name, ScenarioSpec& spec) {
  ComponentSpec c;
  c.name = name;
  c.loc = r.loc(f);
  const ParamRegistry& reg = scenario_registry();
  const std::vector<std::string> types = reg.component_types();
  if (!f.node.IsMap()) {
    r.error(f, fmt::format("expected a map with type: (one of: {}) and its keys, found {}",
                           fmt::join(types, ", "), describe(f.node)));
    return;
  }
  const Field type_field{true, f.node["type"], child_path(f.path, "type")};
  if (!f.node["type"].IsDefined()) {
    r.error(f, fmt::format("missing required key 'type' (one of: {})", fmt::join(types, ", ")));
    return;
  }
  const auto type = r.name(type_field);
  if (!type) return;
  const SectionInfo* section = reg.component(*type);
  if (section == nullptr) {
    const std::string suffix = suggestion_suffix(*type, types);
    r.error(type_field,
            "unknown component type '" + *type + "'" +
                (suffix.empty() ? fmt::format(" (expected one of: {})", fmt::join(types, ", "))
                                : suffix));
    return;
  }
  if (!section->supported()) {
    r.error(type_field, section->not_supported);
    return;
  }
  c.type = *type;
  const MapReader m(r, f, *section);
  if (c.type == "ec2") read_ec2(r, m, c);
  if (c.type == "elb") read_elb(r, m, c);
  if (c.type == "rds") read_rds(r, m, c);
  if (c.type == "elasticache") read_cache(r, m, c);
  if (c.type == "cloudfront") read_cloudfront(r, m, c);
  if (c.type == "s3") read_s3(r, m, c);
  if (c.type == "route53") read_route53(r, m, c);
  if (c.type == "dynamodb") read_dynamodb(r, m, c);
  if (c.type == "lambda") read_lambda(r, m, c);
  if (c.type == "apigateway") read_apigateway(r, m, c);
  if (c.type == "kinesis") read_kinesis(r, m, c);
  if (c.type == "firehose") read_firehose(r, m, c);
  if (c.type == "ebs") read_ebs(r, m, c);
  c.key_locs = m.value_locs();
  spec.components.push_back(std::move(c));
}

}  // namespace

std::optional<std::string> read_instance(Reader& r, const Field& f, InstanceFamily family,
                                         const char* what) {
  const auto name = r.name(f);
  if (!name) return std::nullopt;
  if (find_instance(*name, family) != nullptr) return name;
  const std::vector<std::string> names = instance_names(family);
  const std::string suffix = suggestion_suffix(*name, names);
  r.error(f, "unknown " + std::string(what) + " '" + *name + "'" +
                 (suffix.empty() ? fmt::format(" (the catalog has: {})", fmt::join(names, ", "))
                                 : suffix));
  return std::nullopt;
}

void read_components(Reader& r, const Field& f, ScenarioSpec& spec) {
  if (!f || f.node.IsNull()) return;
  if (!f.node.IsMap()) {
    r.error(f, "expected a map of component name -> component, found " + describe(f.node));
    return;
  }
  std::vector<std::string> seen;
  for (auto it = f.node.begin(); it != f.node.end(); ++it) {
    const std::string name = it->first.IsScalar() ? it->first.Scalar() : "";
    const std::string path = child_path(f.path, name);
    if (const std::string why = bad_name_reason(name); !why.empty()) {
      r.error_at(r.loc(it->first, path), f.path, why);
      continue;
    }
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      r.error_at(r.loc(it->first, path), path, "component defined twice");
      continue;
    }
    seen.push_back(name);
    read_component(r, Field{true, it->second, path}, name, spec);
  }
}

}  // namespace headroom::yaml
