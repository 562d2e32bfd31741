// The built-in component kinds, one line each, in the order the scenario reference lists them.
// Each kind's descriptor is defined in sim/components/<kind>.cpp.
#include "components/kind.hpp"

namespace headroom {

const ComponentKind& ec2_kind();
const ComponentKind& elb_kind();
const ComponentKind& rds_kind();
const ComponentKind& elasticache_kind();
const ComponentKind& cloudfront_kind();
const ComponentKind& s3_kind();
const ComponentKind& dynamodb_kind();
const ComponentKind& route53_kind();
const ComponentKind& lambda_kind();
const ComponentKind& apigateway_kind();
const ComponentKind& kinesis_kind();
const ComponentKind& firehose_kind();
const ComponentKind& ebs_kind();
const ComponentKind& nat_gateway_kind();

void register_builtin_components(ComponentRegistry& r) {
  r.add(ec2_kind());
  r.add(elb_kind());
  r.add(rds_kind());
  r.add(elasticache_kind());
  r.add(cloudfront_kind());
  r.add(s3_kind());
  r.add(dynamodb_kind());
  r.add(route53_kind());
  r.add(lambda_kind());
  r.add(apigateway_kind());
  r.add(kinesis_kind());
  r.add(firehose_kind());
  r.add(ebs_kind());
  r.add(nat_gateway_kind());
}

}  // namespace headroom
