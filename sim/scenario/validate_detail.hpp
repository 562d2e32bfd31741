#pragma once
// The parts of validate_scenario (spec.md §7), one file each: paths (validate.cpp), components
// (validate_components.cpp) and faults (validate_faults.cpp), and what they share.
#include <string>
#include <vector>

#include "headroom/scenario/spec.hpp"

namespace headroom::validate_detail {

/// The engine keeps a request's hops in a fixed-size stack of this many (its limit).
inline constexpr std::size_t kMaxHops = 8;

/// "an ec2", "a cloudfront": a component type with its article.
std::string type_article(const std::string& type);
/// "unknown component 'x', did you mean 'y'?" (or the list of components).
std::string unknown_component(const ScenarioSpec& spec, const std::string& name);

/// What is wrong with `c`'s origin (unknown, itself, a type that cannot be one), or "".
std::string origin_problem(const ScenarioSpec& spec, const ComponentSpec& c);

/// Where a miss at the end of a path goes: the origin, an elb origin's targets, and on through
/// origins that are caches themselves.
struct OriginChain {
  std::vector<std::string> hops;
  bool cycle = false;   ///< the last hop names a component the chain (or its start) already had
  bool broken = false;  ///< an origin on the way is invalid (reported at its component)
};
OriginChain origin_chain(const ScenarioSpec& spec, const ComponentSpec& last);

/// `c`'s `host` (co-location, spec.md §3): an ec2 component of one fixed instance.
void check_host(const ScenarioSpec& spec, const ComponentSpec& c, const std::string& host, const std::string& base,
                Diagnostics& out);
/// That `name`, written at `c`'s key `key`, names a component of type `type`; else an error
/// "WHAT; 'name' is a TYPE" (or "unknown component …"). Returns the component, or nullptr.
const ComponentSpec* check_reference(const ScenarioSpec& spec, const ComponentSpec& c, const std::string& key,
                                     const std::string& name, const std::string& type, const std::string& what,
                                     Diagnostics& out);
/// A stream's consumer, at `where`: a lambda component.
void check_consumer(const ScenarioSpec& spec, const ConsumerSpec& k, const std::string& where, Diagnostics& out);

void validate_components(const ScenarioSpec& spec, Diagnostics& out);
void validate_faults(const ScenarioSpec& spec, Diagnostics& out);
/// Stream consumers, their outputs, Firehose destinations, the account's Lambda concurrency.
void validate_serverless(const ScenarioSpec& spec, Diagnostics& out);

/// headroom's budgets (scenario/limits.hpp): the run's duration and the instances allocated.
void validate_limits(const ScenarioSpec& spec, Diagnostics& out);

}  // namespace headroom::validate_detail
