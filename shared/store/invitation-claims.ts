import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "../aws/clients";
import { tableName } from "./table";

/**
 * Short-lived claims on an e-mail address while its invitation is sent.
 * Creating an account resets the temporary password, so two concurrent
 * invitations would each mail a password and only the last would work. A
 * claim lets one caller through; it lapses on its own if that caller dies.
 */
const CLAIM_SECONDS = 120;

function claimKey(email: string) {
  return { PK: `INVITE#${email.toLowerCase()}`, SK: "CLAIM" };
}

/** Claims the address. Returns false when another invitation has claimed it. */
export async function claimInvitation(email: string, now = Date.now()): Promise<boolean> {
  const nowSeconds = Math.floor(now / 1000);
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...claimKey(email),
          entity: "InvitationClaim",
          claimedUntil: nowSeconds + CLAIM_SECONDS,
          expiresAt: nowSeconds + CLAIM_SECONDS,
        },
        ConditionExpression: "attribute_not_exists(PK) OR claimedUntil < :now",
        ExpressionAttributeValues: { ":now": nowSeconds },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function releaseInvitation(email: string): Promise<void> {
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: claimKey(email) }));
}
