#pragma once
// A stream of records polled shard by shard by a Lambda consumer: what every kind with a stream
// (a data stream, a table's change stream) shares. Each kind passes its own StreamTraits.
#include "headroom/core/random.hpp"
#include "headroom/scenario/spec.hpp"
#include "topology/serverless.hpp"

namespace headroom {

/// A stream of `shards` shards for component `id`, as its kind's `traits` say.
Stream build_stream(std::uint16_t id, const StreamTraits& traits, double record_size, const ConsumerSpec& consumer,
                    int shards, Rng rng);

}  // namespace headroom
