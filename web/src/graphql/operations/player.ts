import { graphql } from '../generated';

/** The signed-in player: where they are, their memberships and voting power, the regions they own. */
export const MyPlayerQuery = graphql(`
  query MyPlayer {
    me {
      userId
      username
      roles
      player {
        id
        name
        credits
        isGalacticCitizen
        homeRegion {
          id
          name
          displayName
        }
        currentRegion {
          id
          name
          displayName
          nexusWarpSector
          capitalSectorNumber
        }
        memberships {
          membershipType
          votingPower
          reputationScore
          joinedAt
          region {
            id
            name
            displayName
            governance {
              governanceType
            }
            policies(status: VOTING) {
              id
              title
              policyType
              votesFor
              votesAgainst
              approvalPercentage
              votingClosesAt
            }
            elections {
              id
              position
              status
              votingClosesAt
              candidates {
                weight
                player {
                  id
                  name
                }
              }
            }
          }
        }
        ownedRegions {
          id
          name
          displayName
          status
          runtime {
            state
          }
        }
      }
    }
  }
`);
