export {
  defaultDocumentsUrl,
  documentsUrl,
  listenAddress,
  portSchema,
  readSetting,
  SettingError,
  SHARED_HOST_VARIABLE,
  wholeNumber,
  type ListenAddress,
} from './settings';
