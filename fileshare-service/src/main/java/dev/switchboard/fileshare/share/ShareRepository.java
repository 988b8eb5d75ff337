package dev.switchboard.fileshare.share;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shares and their files, with the atomic download counter.
 */
public interface ShareRepository extends Repository<Share, Long> {

	@Transactional
	Share save(Share share);

	@Transactional(readOnly = true)
	Optional<Share> findByToken(String token);

	/**
	 * Count one download, atomically: one SQL update that succeeds only while downloads
	 * are left and the share has not expired, so that concurrent downloads, on one
	 * replica or several sharing the database, never exceed the limit.
	 * @param token the share's token
	 * @param now the time of the download
	 * @return 1 when the download was counted, 0 when none is left (or the share expired)
	 */
	@Transactional
	@Modifying
	@Query("""
			update Share s set s.downloads = s.downloads + 1, s.lastDownloadAt = :now
			where s.token = :token and s.downloads < s.maxDownloads and s.expiresAt > :now and s.purgedAt is null
			""")
	int countDownload(String token, Instant now);

	/**
	 * Find shares that ended (expired, or exhausted by their last download) before the
	 * cutoff and still have their files.
	 * @param cutoff the time before which the share must have ended
	 * @param limit how many to return at most
	 * @return the shares to purge, oldest first
	 */
	@Transactional(readOnly = true)
	@Query("""
			select s from Share s where s.purgedAt is null
			and (s.expiresAt <= :cutoff or (s.downloads >= s.maxDownloads and s.lastDownloadAt <= :cutoff))
			order by s.id
			""")
	List<Share> findEndedBefore(Instant cutoff, Limit limit);

	@Transactional
	@Modifying
	@Query("update Share s set s.purgedAt = :now where s.id = :id")
	int markPurged(Long id, Instant now);

	/**
	 * Delete the records of shares purged before the cutoff; their links then answer 404.
	 * @param cutoff the time before which the files were purged
	 * @return the number of records deleted
	 */
	@Transactional
	@Modifying
	@Query("delete from Share s where s.purgedAt <= :cutoff")
	int deletePurgedBefore(Instant cutoff);

	@Transactional
	@Modifying
	@Query("delete from Share s where s.id = :id")
	int deleteById(Long id);

}
