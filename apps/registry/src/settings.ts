import { registryServiceSettings, type RegistryServiceSettings } from '@hirelearn/registry';

/** The registry app's settings, read from the environment once at start. */
export const settings: RegistryServiceSettings = registryServiceSettings(process.env);
