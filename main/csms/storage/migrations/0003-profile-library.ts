/**
 * The operator's charging profile library: named OCPP ChargingProfiles kept by the central system, to be
 * installed on stations with SetChargingProfile. Times are ISO 8601 UTC strings with milliseconds.
 */
export const name = '0003-profile-library';

export const sql = `
CREATE TABLE charging_profile_library (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,                     -- the operator's name for the profile
  description TEXT NOT NULL DEFAULT '',
  profile     TEXT NOT NULL,                            -- JSON OCPP 1.6 ChargingProfile (schema-valid when stored)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
`;
