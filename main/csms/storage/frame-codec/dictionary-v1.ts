/**
 * Version 1 of the preset dictionary the message log compresses frames with (frame-codec/index.ts). A deflate
 * dictionary is only representative bytes: strings that frames are likely to repeat. This one is written from the
 * OCPP 1.6 message shapes (OCPP 1.6 §6 messages, §7 data types and their enumerations) and the OCPP-J frame layout
 * (OCPP-J §4): the actions, field names and enumeration values, with the most frequent traffic (MeterValues with
 * its sampled values, StatusNotification, Heartbeat and their answers) last, nearest to the data, where deflate's
 * back-references are shortest.
 *
 * NEVER EDIT THIS TEXT: every stored row compressed with it needs exactly these bytes to be read back. A better
 * dictionary is a new file (dictionary-v2.ts) with a new version number; rows say which one they were written with.
 */
export const DICTIONARY_V1 = [
  // Rare: security extension, firmware, diagnostics, reservations, local lists, smart charging, configuration.
  '"certificateType":"CentralSystemRootCertificate","ManufacturerRootCertificate","certificateHashData":{"hashAlgorithm":"SHA256","SHA384","SHA512",',
  '"issuerNameHash":"","issuerKeyHash":"","serialNumber":"',
  '"SignedFirmwareStatusNotification","SignedUpdateFirmware","SecurityEventNotification","SignCertificate","CertificateSigned","ExtendedTriggerMessage",',
  '"GetInstalledCertificateIds","InstallCertificate","DeleteCertificate","GetLog","LogStatusNotification","csr":"-----BEGIN CERTIFICATE REQUEST-----',
  '"certificateChain":"-----BEGIN CERTIFICATE-----\\n","logType":"DiagnosticsLog","SecurityLog","techInfo":"',
  '"DiagnosticsStatusNotification","GetDiagnostics","Idle","Uploaded","UploadFailed","Uploading","fileName":"',
  '"FirmwareStatusNotification","UpdateFirmware","Downloaded","DownloadFailed","Downloading","InstallationFailed","Installing","Installed",',
  '"location":"ftp://","retrieveDate":"20","retries":3,"retryInterval":60,"startTime":"20","stopTime":"20",',
  '"ReserveNow","CancelReservation","expiryDate":"20","parentIdTag":"","reservationId":',
  '"Faulted","Occupied","Unavailable","SendLocalList","GetLocalListVersion","listVersion":',
  '"localAuthorizationList":[{"idTag":"","idTagInfo":{"status":"Accepted"}}],"updateType":"Differential","Full","VersionMismatch",',
  '"SetChargingProfile","ClearChargingProfile","GetCompositeSchedule","csChargingProfiles":{"chargingProfileId":',
  '"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","ChargePointMaxProfile","TxProfile",',
  '"chargingProfileKind":"Absolute","Recurring","Relative","recurrencyKind":"Daily","Weekly","validFrom":"20","validTo":"20",',
  '"chargingSchedule":{"duration":86400,"startSchedule":"20","chargingRateUnit":"W","A","chargingSchedulePeriod":[{"startPeriod":0,"limit":',
  '"numberPhases":3},"minChargingRate":',
  '"GetConfiguration","ChangeConfiguration","configurationKey":[{"key":"","readonly":false,"value":""}],"unknownKey":[],"RebootRequired",',
  '"HeartbeatInterval","MeterValueSampleInterval","MeterValuesSampledData","ClockAlignedDataInterval","ConnectionTimeOut","AuthorizeRemoteTxRequests",',
  '"LocalAuthorizeOffline","LocalPreAuthorize","StopTransactionOnInvalidId","NumberOfConnectors","WebSocketPingInterval","SecurityProfile",',
  '"ClearCache","ChangeAvailability","type":"Inoperative","Operative","Scheduled","Reset","type":"Soft","Hard",',
  '"UnlockConnector","Unlocked","UnlockFailed","NotSupported","TriggerMessage","requestedMessage":"BootNotification","NotImplemented",',
  '"RemoteStartTransaction","RemoteStopTransaction","chargingProfile":{',
  '"DataTransfer","vendorId":"","messageId":"","data":"","UnknownMessageId","UnknownVendorId",',
  // Errors (OCPP-J §4.2.3) and our own descriptions.
  '[4,"","GenericError","InternalError","ProtocolError","SecurityError","FormationViolation","PropertyConstraintViolation",',
  '"OccurenceConstraintViolation","TypeConstraintViolation","NotImplemented","NotSupported","",{}]',
  '{"issues":[{"path":"/","message":"must have required property \'","must be equal to one of the allowed values"}]}',
  // Boot, authorization, transactions.
  '"BootNotification",{"chargePointVendor":"","chargePointModel":"","chargePointSerialNumber":"","chargeBoxSerialNumber":"",',
  '"firmwareVersion":"1.0.0","iccid":"","imsi":"","meterType":"","meterSerialNumber":""}]',
  '[3,"",{"status":"Accepted","currentTime":"20","interval":300}][3,"",{"status":"Pending","Rejected","interval":60}]',
  '"Blocked","Expired","Invalid","ConcurrentTx","expiryDate":"20',
  '"reason":"EmergencyStop","EVDisconnected","HardReset","PowerLoss","Reboot","Remote","SoftReset","UnlockCommand","DeAuthorized","Other",',
  '"transactionData":[{"timestamp":"20","sampledValue":[',
  '"StopTransaction",{"transactionId":,"idTag":"","meterStop":,"timestamp":"20","reason":"Local"}]',
  '"StartTransaction",{"connectorId":1,"idTag":"","meterStart":0,"timestamp":"20","reservationId":',
  '[3,"",{"transactionId":,"idTagInfo":{"status":"Accepted"}}]',
  '"Authorize",{"idTag":""}][3,"",{"idTagInfo":{"status":"Accepted","expiryDate":"20","parentIdTag":"',
  '[3,"",{"idTagInfo":{"status":"Accepted"}}]',
  // Status notifications.
  '"errorCode":"ConnectorLockFailure","EVCommunicationError","GroundFailure","HighTemperature","InternalError","LocalListConflict",',
  '"OtherError","OverCurrentFailure","OverVoltage","PowerMeterFailure","PowerSwitchFailure","ReaderFailure","ResetFailure",',
  '"UnderVoltage","WeakSignal","info":"","vendorErrorCode":"","vendorId":"',
  '"SuspendedEVSE","SuspendedEV","Reserved","Unavailable","Faulted"',
  '"StatusNotification",{"connectorId":0,"errorCode":"NoError","status":"Preparing","Charging","Finishing","Available","timestamp":"20',
  '"StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"20',
  // Meter values (OCPP 1.6 §7.31 SampledValue and its enumerations).
  '"measurand":"Current.Export","Current.Offered","Energy.Active.Export.Register","Energy.Reactive.Export.Register",',
  '"Energy.Reactive.Import.Register","Energy.Active.Export.Interval","Energy.Active.Import.Interval","Energy.Reactive.Export.Interval",',
  '"Energy.Reactive.Import.Interval","Frequency","Power.Active.Export","Power.Factor","Power.Offered","Power.Reactive.Export",',
  '"Power.Reactive.Import","RPM","Temperature","unit":"kWh","varh","kvarh","kW","var","kvar","Celsius","Fahrenheit","K","VA","kVA",',
  '"context":"Interruption.Begin","Interruption.End","Sample.Clock","Transaction.Begin","Transaction.End","Trigger","Other",',
  '"format":"Raw","SignedData","location":"Body","Cable","Inlet","phase":"N","L2-N","L3-N","L1-L2","L2-L3","L3-L1",',
  '{"value":"","context":"Sample.Clock","measurand":"Energy.Active.Import.Register","unit":"Wh"}',
  '[3,"",{"currentTime":"20"}]',
  '"Heartbeat",{}][3,"",{}]',
  '"MeterValues",{"connectorId":1,"transactionId":',
  ',"meterValue":[{"timestamp":"20',
  '","sampledValue":[{"value":"","context":"Sample.Periodic","measurand":"Energy.Active.Import.Register","location":"Outlet","unit":"Wh"},',
  '{"value":"","context":"Sample.Periodic","measurand":"Power.Active.Import","location":"Outlet","unit":"W"},',
  '{"value":"","context":"Sample.Periodic","measurand":"Current.Import","phase":"L1","location":"Outlet","unit":"A"},',
  '{"value":"","context":"Sample.Periodic","measurand":"Current.Import","phase":"L2","location":"Outlet","unit":"A"},',
  '{"value":"","context":"Sample.Periodic","measurand":"Current.Import","phase":"L3","location":"Outlet","unit":"A"},',
  '{"value":"","context":"Sample.Periodic","measurand":"Voltage","phase":"L1-N","location":"Outlet","unit":"V"},',
  '{"value":"","context":"Sample.Periodic","measurand":"SoC","location":"EV","unit":"Percent"}]}]}]',
  '[3,"",{}]',
].join('');
