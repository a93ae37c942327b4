import { Schema, model, type InferSchemaType } from 'mongoose';
import { withReportDay } from '../shared/schema-helpers';

/** Who did what to which record, when. Written by services, never updated. */
const auditLogSchema = new Schema(
  {
    actor: {
      type: { type: String, enum: ['user', 'system', 'customer', 'bot'], required: true },
      id: { type: Schema.Types.ObjectId },
      name: String,
    },
    action: { type: String, required: true, maxlength: 100 },
    entity: {
      type: { type: String, required: true, maxlength: 50 },
      id: { type: Schema.Types.ObjectId, required: true },
    },
    changes: { type: Schema.Types.Mixed },
    ip: String,
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
withReportDay(auditLogSchema);
auditLogSchema.index({ 'entity.type': 1, 'entity.id': 1, createdAt: -1 });
auditLogSchema.index({ 'actor.id': 1, createdAt: -1 });

export type AuditLogFields = InferSchemaType<typeof auditLogSchema>;
export const AuditLog = model('AuditLog', auditLogSchema);
