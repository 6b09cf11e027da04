import type { CommissioningRunDto, CommissioningTemplateDto } from '../../../shared/api/types.js';
import type { Clock } from '../clock.js';
import type { CsmsEvents } from '../domain/events.js';
import type { GroupCommit } from '../storage/group-commit.js';
import type { Repositories } from '../storage/repositories/index.js';

/**
 * Commissioning runs as stored reports and the technicians' saved templates (migration 0017). The runs themselves
 * are performed by main/csms/commissioning; this keeps what they found, each change one unit of the group commit,
 * announced as `commissioning.changed`.
 */
export class CommissioningRecords {
  constructor(
    private readonly repos: Pick<Repositories, 'commissioning'>,
    private readonly groupCommit: GroupCommit,
    private readonly events: CsmsEvents,
    private readonly clock: Clock,
  ) {}

  /** Runs a stop of the central system cut short are marked `stopped` (they cannot go on). */
  async abandonRunning(): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.groupCommit.run(() => this.repos.commissioning.abandonRunning(at));
  }

  async create(run: Omit<CommissioningRunDto, 'id'>): Promise<CommissioningRunDto> {
    const id = await this.groupCommit.run(() => this.repos.commissioning.insert(run));
    const stored = { ...run, id };
    this.events.emit('commissioning.changed', { chargePointId: run.chargePointId, runId: id, status: run.status });
    return stored;
  }

  async save(run: CommissioningRunDto): Promise<void> {
    await this.groupCommit.run(() => this.repos.commissioning.update(run));
    this.events.emit('commissioning.changed', { chargePointId: run.chargePointId, runId: run.id, status: run.status });
  }

  get(id: number): CommissioningRunDto | undefined {
    return this.repos.commissioning.get(id);
  }

  list(chargePointId: string, limit = 50): CommissioningRunDto[] {
    return this.repos.commissioning.list(chargePointId, limit);
  }

  previous(chargePointId: string, beforeId: number): CommissioningRunDto | undefined {
    return this.repos.commissioning.previous(chargePointId, beforeId);
  }

  templates(): Omit<CommissioningTemplateDto, 'builtIn'>[] {
    return this.repos.commissioning.templates();
  }

  template(name: string): Omit<CommissioningTemplateDto, 'builtIn'> | undefined {
    return this.repos.commissioning.template(name);
  }

  async putTemplate(template: Omit<CommissioningTemplateDto, 'builtIn'>): Promise<boolean> {
    const existed = this.repos.commissioning.template(template.name) !== undefined;
    await this.groupCommit.run(() => this.repos.commissioning.putTemplate(template));
    return existed;
  }

  async deleteTemplate(name: string): Promise<boolean> {
    return this.groupCommit.run(() => this.repos.commissioning.deleteTemplate(name));
  }
}
