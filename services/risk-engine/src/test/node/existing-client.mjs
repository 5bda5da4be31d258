// A client of the trading system's published contract, generated at run time from
// proto/baseline (never from our .proto files), as an existing strategy or tool would be:
//   1. RiskValidator/ValidateSignal: a PAPER signal is approved and the order comes back;
//   2. OrderExecutor/ExecuteOrder: a PAPER order ("buy", any case) is FILLED; the same
//      client_order_id again returns the same order_id;
//   3. market-data.trades.normalized read with kafkajs and decoded with the baseline
//      MarketDataEvent: every field is there.
// Inputs (environment): BASELINE_DIR, OUR_PROTO_DIR (verification only), RISK_ADDR, ORDER_MANAGER_ADDR, KAFKA_BROKERS, MARKET_TOPIC.
// Prints one JSON line with what it saw; exits 1 with the reason on the first failed expectation.
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { Kafka, logLevel } from 'kafkajs';
import path from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const baseline = env('BASELINE_DIR');
const expect = (ok, what, seen) => {
  if (!ok) throw new Error(`${what}; got ${JSON.stringify(seen)}`);
};

const definition = protoLoader.loadSync('trading/contracts/trading.proto', {
  includeDirs: [baseline],
  keepCase: true,
  enums: String,
  defaults: true,
  longs: String,
});
const contracts = grpc.loadPackageDefinition(definition).trading.contracts;
const insecure = grpc.credentials.createInsecure();
const risk = new contracts.RiskValidator(env('RISK_ADDR'), insecure);
const orders = new contracts.OrderExecutor(env('ORDER_MANAGER_ADDR'), insecure);
// Our contract, used only to verify from outside what the existing client cannot see.
const ours = new (grpc.loadPackageDefinition(protoLoader.loadSync('trading/contracts/trading.proto', {
  includeDirs: [env('OUR_PROTO_DIR')],
  keepCase: true,
  enums: String,
  defaults: true,
  longs: String,
})).trading.contracts.OrderExecutor)(env('ORDER_MANAGER_ADDR'), insecure);
const call = (client, method, request) =>
  new Promise((resolve, reject) =>
    client[method](request, { deadline: Date.now() + 15000 }, (error, response) =>
      error ? reject(new Error(`${method}: ${error.code} ${error.details}`)) : resolve(response)));

async function signalAndOrders() {
  const now = Date.now();
  const seen = {};
  const verdict = await call(risk, 'ValidateSignal', {
    strategy_id: 'node-existing-client',
    symbol: 'BTC-USD',
    side: 'BUY',
    confidence: 0.9,
    signal_timestamp: { seconds: String(Math.floor(now / 1000)), nanos: (now % 1000) * 1e6 },
    metadata: { quantity: '0.001' },
    mode: 'PAPER',
  });
  expect(verdict.approved === true, 'ValidateSignal approves a PAPER signal', verdict);
  expect(verdict.order_request && verdict.order_request.client_order_id,
    'the approved signal carries its order', verdict);
  expect(verdict.order_request.mode === 'PAPER', 'the forwarded order is PAPER', verdict);
  expect(verdict.order_request.side === 'BUY', 'the forwarded order is a BUY string', verdict);
  seen.signal = { reason: verdict.reason, order_request: verdict.order_request };
  // Verification only, with our contract (GetOrderStatus is our addition): the order manager has
  // the order the risk engine forwarded, filled on paper.
  const forwarded = await call(ours, 'GetOrderStatus',
    { client_order_id: verdict.order_request.client_order_id });
  expect(forwarded.status === 'FILLED', 'the forwarded order is FILLED at the order manager',
    forwarded);
  expect(forwarded.request.real_money === false, 'the forwarded order is not real money',
    forwarded);
  seen.forwarded = { order_id: forwarded.order_id, status: forwarded.status };

  const order = {
    client_order_id: `node-existing-client-${now}`,
    symbol: 'BTC-USD',
    side: 'buy',
    order_type: 'market',
    quantity: '0.001',
    strategy_id: 'node-existing-client',
    mode: 'PAPER',
  };
  const first = await call(orders, 'ExecuteOrder', order);
  expect(first.status === 'FILLED', 'ExecuteOrder fills a PAPER order', first);
  expect(first.order_id, 'the order has an id', first);
  const again = await call(orders, 'ExecuteOrder', order);
  expect(again.order_id === first.order_id, 'a resubmit returns the same order_id', { first, again });
  seen.order = { client_order_id: order.client_order_id, first, again };
  return seen;
}

async function marketData() {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) =>
    target.startsWith('google/protobuf/') ? target : path.join(baseline, target);
  root.loadSync('oasis/marketdata/market_data.proto', { keepCase: true });
  const MarketDataEvent = root.lookupType('oasis.marketdata.MarketDataEvent');
  const kafka = new Kafka({
    clientId: 'node-existing-client',
    brokers: env('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `node-existing-client-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: env('MARKET_TOPIC'), fromBeginning: true });
    const event = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no record on ${env('MARKET_TOPIC')} within 60 s`)), 60000);
      consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(MarketDataEvent.toObject(MarketDataEvent.decode(message.value),
            { longs: String, oneofs: true }));
        },
      }).catch(reject);
    });
    const h = event.header || {};
    const t = event.trade_update || {};
    expect(event.payload === 'trade_update', 'the payload is trade_update (field 3)', event);
    expect(h.exchange === 'coinbase', 'header.exchange', event);
    expect(/^[A-Z0-9]+-[A-Z0-9]+$/.test(h.symbol || ''), 'header.symbol', event);
    expect(h.exchange_timestamp && Number(h.exchange_timestamp.seconds) > 0,
      'header.exchange_timestamp', event);
    expect(h.received_timestamp && Number(h.received_timestamp.seconds) > 0,
      'header.received_timestamp', event);
    expect(t.trade_id, 'trade_update.trade_id', event);
    expect(/^\d+(\.\d+)?$/.test(t.price || ''), 'trade_update.price is a decimal string', event);
    expect(/^\d+(\.\d+)?$/.test(t.quantity || ''), 'trade_update.quantity is a decimal string', event);
    expect(t.side === 'buy' || t.side === 'sell', 'trade_update.side is buy or sell', event);
    return event;
  } finally {
    await consumer.disconnect();
  }
}

try {
  const seen = await signalAndOrders();
  seen.marketData = await marketData();
  console.log(JSON.stringify({ ok: true, ...seen }));
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: e.message }));
  process.exit(1);
}
