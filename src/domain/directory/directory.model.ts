import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { phoneValidator } from '../shared/schema-helpers';
import { encryptedFields } from '../../crypto/pii.plugin';
import { DIRECTORY_KINDS } from './directory-kinds';

/** A colleague the back office hands work to (see directory-kinds): how to reach them, their store. */
const directoryEntrySchema = new Schema(
  {
    kind: { type: String, enum: DIRECTORY_KINDS, required: true },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    phone: { type: String, validate: phoneValidator },
    email: { type: String, trim: true, maxlength: 200, match: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ },
    /** Their WeCom member id: work and alerts reach them as a WeCom app message. */
    wecomUserId: { type: String, trim: true, maxlength: 64 },
    store: { type: String, trim: true, maxlength: 100 },
    /** The console user who signs as this person (the general manager's approvals). */
    user: { type: Schema.Types.ObjectId, ref: 'User' },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
directoryEntrySchema.index({ kind: 1, active: 1 });
directoryEntrySchema.plugin(encryptedFields, { fields: [{ path: 'name', lookup: 'name' }, { path: 'phone', lookup: 'phone' }, { path: 'email' }] });

export type DirectoryEntryFields = InferSchemaType<typeof directoryEntrySchema>;
export type DirectoryEntryDoc = HydratedDocument<DirectoryEntryFields>;
export const DirectoryEntry = model('DirectoryEntry', directoryEntrySchema, 'directory');
