package oasis.normalizer;

import oasis.service.ServiceConfig;

/** Topics and consumer group of the normalizer. */
record NormalizerSettings(
    String rawTopic, String normalizedTopic, String deadLetterTopic, String consumerGroup) {

  static NormalizerSettings from(ServiceConfig config) {
    return new NormalizerSettings(
        config.string("RAW_MARKET_TOPIC", "market-data.trades.coinbase"),
        config.string("NORMALIZED_MARKET_TOPIC", "market-data.trades.normalized"),
        config.string("DEADLETTER_TOPIC", "market-data.trades.deadletter"),
        config.string("NORMALIZER_CONSUMER_GROUP", "data-normalizer"));
  }
}
