export * from './access';
export * from './principal';
export * from './tokens';
