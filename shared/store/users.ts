import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { documentClient } from "../aws/clients";
import { keys } from "./keys";
import { tableName, withoutKeys } from "./table";

/** Whether the person works for the firm or for one of its clients. */
export type UserKind = "staff" | "client";

export interface UserProfile {
  userId: string;
  email: string;
  kind: UserKind;
  createdAt: string;
  /** When the last invitation e-mail went out; unset if none was sent. */
  invitationSentAt?: string;
  version: number;
}

export async function getUserProfile(userId: string): Promise<UserProfile | undefined> {
  const result = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.userProfile(userId), ConsistentRead: true }),
  );
  return result.Item ? withoutKeys<UserProfile>(result.Item) : undefined;
}

export async function findUserIdByEmail(email: string): Promise<string | undefined> {
  const result = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: keys.userEmail(email), ConsistentRead: true }),
  );
  return typeof result.Item?.userId === "string" ? result.Item.userId : undefined;
}

/**
 * Stores a profile and its e-mail index entry together. Both writes are
 * conditional, so a second call for the same user is a no-op rather than an
 * overwrite. The function returns the profile that exists afterwards.
 */
export async function saveUserProfile(profile: Omit<UserProfile, "version" | "createdAt">): Promise<UserProfile> {
  const email = profile.email.toLowerCase();
  const stored: UserProfile = { ...profile, email, createdAt: new Date().toISOString(), version: 1 };
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.userProfile(profile.userId), entity: "UserProfile", ...stored },
              ConditionExpression: "attribute_not_exists(PK)",
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.userEmail(email), entity: "UserEmail", userId: profile.userId, email },
              ConditionExpression: "attribute_not_exists(PK) OR userId = :userId",
              ExpressionAttributeValues: { ":userId": profile.userId },
            },
          },
        ],
      }),
    );
    return stored;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const existing = await getUserProfile(profile.userId);
    if (existing) return existing;
    throw new Error(`E-mail ${email} is already linked to another user id`);
  }
}

/** Records that an invitation e-mail was sent to the user. */
export async function markInvitationSent(userId: string, at = new Date().toISOString()): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.userProfile(userId),
      UpdateExpression: "SET invitationSentAt = :at, #version = #version + :one",
      ConditionExpression: "attribute_exists(PK)",
      ExpressionAttributeNames: { "#version": "version" },
      ExpressionAttributeValues: { ":at": at, ":one": 1 },
    }),
  );
}
