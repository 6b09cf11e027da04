/**
 * Remote Trigger profile (OCPP 1.6 §5.17; messages in §6).
 */
import { Type, type Static } from '@sinclair/typebox';
import { RequestSchema, ResponseSchema, StringEnum } from './common.js';

/** MessageTrigger (OCPP 1.6 §7): the CP-initiated messages a Central System may ask for. */
export const MESSAGE_TRIGGERS = [
  'BootNotification',
  'DiagnosticsStatusNotification',
  'FirmwareStatusNotification',
  'Heartbeat',
  'MeterValues',
  'StatusNotification',
] as const;
export type MessageTrigger = (typeof MESSAGE_TRIGGERS)[number];

/** TriggerMessageStatus (OCPP 1.6 §7); the security white paper's ExtendedTriggerMessage.conf uses the same values. */
export const TRIGGER_MESSAGE_STATUSES = ['Accepted', 'Rejected', 'NotImplemented'] as const;
export type TriggerMessageStatus = (typeof TRIGGER_MESSAGE_STATUSES)[number];

/** `connectorId` only applies to connector-specific messages (MeterValues, StatusNotification). */
export const TriggerMessageRequest = RequestSchema('TriggerMessage', {
  requestedMessage: StringEnum(MESSAGE_TRIGGERS),
  connectorId: Type.Optional(Type.Integer()),
});
export const TriggerMessageResponse = ResponseSchema('TriggerMessage', {
  status: StringEnum(TRIGGER_MESSAGE_STATUSES),
});

export type TriggerMessageRequest = Static<typeof TriggerMessageRequest>;
export type TriggerMessageResponse = Static<typeof TriggerMessageResponse>;
