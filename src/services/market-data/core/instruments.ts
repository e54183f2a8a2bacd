import type { InstrumentSpec } from '../../../contracts/market-data.js';

/**
 * The default instrument set. Volatility is annualised over a 24/7 calendar year because the
 * venue never closes: crypto values are their usual realised vols; equity values are their
 * trading-hours vols scaled by sqrt(8760 h / (252 * 6.5 h)) ~ 2.3, so a simulated minute moves
 * like a minute of a real session. Beta is the loading on the asset-class factor: crypto names
 * move together strongly, equities moderately, stablecoins not at all (they follow their peg).
 */
export const DEFAULT_INSTRUMENTS: readonly InstrumentSpec[] = [
  { symbol: 'BTC-USD', assetClass: 'crypto', tickSize: '0.01', lotSize: '0.0001', initialPrice: '65000.00', volatility: 0.55, beta: 0.85, jumpsPerDay: 6 },
  { symbol: 'ETH-USD', assetClass: 'crypto', tickSize: '0.01', lotSize: '0.001', initialPrice: '3400.00', volatility: 0.7, beta: 0.85, jumpsPerDay: 6 },
  { symbol: 'SOL-USD', assetClass: 'crypto', tickSize: '0.01', lotSize: '0.01', initialPrice: '150.00', volatility: 0.95, beta: 0.75, jumpsPerDay: 8 },
  { symbol: 'USDC-USD', assetClass: 'stablecoin', tickSize: '0.0001', lotSize: '1', initialPrice: '1.0000' },
  { symbol: 'USDT-USD', assetClass: 'stablecoin', tickSize: '0.0001', lotSize: '1', initialPrice: '1.0000' },
  { symbol: 'AAPL', assetClass: 'equity', tickSize: '0.01', lotSize: '1', initialPrice: '190.00', volatility: 0.55, beta: 0.65, jumpsPerDay: 3 },
  { symbol: 'MSFT', assetClass: 'equity', tickSize: '0.01', lotSize: '1', initialPrice: '420.00', volatility: 0.5, beta: 0.65, jumpsPerDay: 3 },
  { symbol: 'SPY', assetClass: 'equity', tickSize: '0.01', lotSize: '1', initialPrice: '520.00', volatility: 0.35, beta: 0.9, jumpsPerDay: 2 },
];
