import { monitorJobSettings, type MonitorJobSettings } from '@hirelearn/monitoring';

/** The drift monitor's settings, read from the environment once at start. */
export const settings: MonitorJobSettings = monitorJobSettings(process.env);
