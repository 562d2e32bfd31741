#pragma once
// The cost recorder: prices what a run measured with the built-in catalog (model/catalog.hpp).
// Models count (instance-time alive, operations, bytes); this file alone turns counts into money
// (STYLE rule 4). docs/model.md, "Cost", states each rule and its source.
#include "headroom/core/time.hpp"
#include "headroom/measure/report.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

struct Model;

/// The on-demand cost of the measured window [warmup, end] (the period) of a run of `spec`
/// whose counters are in `model`: by service (ec2, rds, elasticache, elb, cloudfront, s3,
/// route53, dynamodb, data_transfer, public_ipv4; every key present) and by component (every
/// component; data transfer is charged to the component that sends it). Sums are exact in
/// micro-USD; monthly_usd projects the period to 730 hours. Spot is not priced yet.
CostReport compute_cost(const ScenarioSpec& spec, const Model& model, SimTime warmup, SimTime end);

}  // namespace headroom
