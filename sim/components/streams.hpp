#pragma once
// A stream of records polled shard by shard by a Lambda consumer: what a Kinesis data stream and a
// DynamoDB table's stream share.
#include "headroom/core/random.hpp"
#include "headroom/scenario/spec.hpp"
#include "topology/serverless.hpp"

namespace headroom {

/// A stream of `shards` shards for component `id`; `data_stream` is true for a Kinesis data
/// stream (polled every second), false for DynamoDB Streams (every 250 ms).
Stream build_stream(std::uint16_t id, bool data_stream, double record_size, const ConsumerSpec& consumer,
                    int shards, Rng rng);

}  // namespace headroom
