export const SYSTEM_OPERATIONS = ['system.info', 'system.ping', 'audit.recent'] as const
export const SYSTEM_EVENTS = ['status'] as const
