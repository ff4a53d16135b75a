export {
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
} from './settings';
