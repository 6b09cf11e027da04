import type { LibraryProfileDto } from '../../../../shared/api/types.js';
import type { Db } from '../database.js';
import type { ChargingProfile } from '../../../../shared/smart-charging/index.js';

interface ProfileLibraryRow {
  id: number;
  name: string;
  description: string;
  profile: string;
  created_at: string;
  updated_at: string;
}

/** One named profile of the operator's library, as the operator API shows it (one definition, shared/api). */
export type LibraryProfile = LibraryProfileDto;

const toLibraryProfile = (row: ProfileLibraryRow): LibraryProfile => ({
  id: row.id,
  name: row.name,
  description: row.description,
  profile: JSON.parse(row.profile) as ChargingProfile,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The operator's charging profile library (named OCPP ChargingProfiles, installed with SetChargingProfile). */
export class ProfileLibraryRepository {
  private readonly getStmt;
  private readonly listStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], ProfileLibraryRow>('SELECT * FROM charging_profile_library WHERE name = ?');
    this.listStmt = db.prepare<[], ProfileLibraryRow>('SELECT * FROM charging_profile_library ORDER BY name');
    this.upsertStmt = db.prepare(
      `INSERT INTO charging_profile_library (name, description, profile, created_at, updated_at)
       VALUES (@name, @description, @profile, @now, @now)
       ON CONFLICT (name) DO UPDATE SET description = excluded.description, profile = excluded.profile, updated_at = excluded.updated_at`,
    );
    this.deleteStmt = db.prepare('DELETE FROM charging_profile_library WHERE name = ?');
  }

  get(name: string): LibraryProfile | undefined {
    const row = this.getStmt.get(name);
    return row && toLibraryProfile(row);
  }

  list(): LibraryProfile[] {
    return this.listStmt.all().map(toLibraryProfile);
  }

  /** Creates or replaces the profile called `name`. */
  upsert(input: { name: string; description: string; profile: ChargingProfile }, now: string): LibraryProfile {
    this.upsertStmt.run({ name: input.name, description: input.description, profile: JSON.stringify(input.profile), now });
    return this.get(input.name)!;
  }

  delete(name: string): boolean {
    return this.deleteStmt.run(name).changes > 0;
  }
}
