import { monitorServiceSettings, type MonitorServiceSettings } from '@hirelearn/monitoring';

/** The drift monitor's settings, read from the environment once at start. */
export const settings: MonitorServiceSettings = monitorServiceSettings(process.env);
