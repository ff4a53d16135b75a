export {
  boundedNumber,
  defaultDocumentsUrl,
  documentsUrl,
  duckdbMemory,
  listenAddress,
  portSchema,
  positiveNumber,
  readSetting,
  SettingError,
  SHARED_HOST_VARIABLE,
  wholeNumber,
  type ListenAddress,
  type NumberBounds,
} from './settings';
export {
  clientSecurityVariables,
  serverSecurityVariables,
  type ClientSecurityVariables,
  type ServerSecurityVariables,
} from './security';
