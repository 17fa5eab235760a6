export * from './access';
export * from './passwords';
export * from './principal';
export * from './sessions';
export * from './tokens';
export * from './users';
