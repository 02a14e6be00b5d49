// Built-in keyword rules for the ten default topics. They are merged with each topic's `keywords` in the config,
// so a deployment can add phrases without repeating these. Matching is on whole folded syllables, so "bão" also
// matches "bao" in an undiacritized title; phrases are chosen to stay unambiguous once folded.
export const DEFAULT_TOPIC_KEYWORDS: Record<string, string[]> = {
  'chinh-tri': [
    'quốc hội', 'thủ tướng', 'phó thủ tướng', 'chủ tịch nước', 'tổng bí thư', 'bộ chính trị', 'trung ương đảng', 'ban chấp hành trung ương',
    'đại biểu quốc hội', 'chất vấn', 'kỳ họp', 'hội đàm', 'đại sứ', 'ngoại giao', 'bầu cử', 'cử tri', 'công tác cán bộ', 'tỉnh ủy', 'thành ủy',
    'mặt trận tổ quốc', 'ủy ban thường vụ', 'hđnd', 'hội đồng nhân dân', 'bộ nội vụ', 'quốc phòng', 'chủ quyền', 'đối tác chiến lược', 'kỷ luật'
  ],
  'kinh-te': [
    'giá vàng', 'vàng miếng', 'vàng nhẫn', 'chứng khoán', 'cổ phiếu', 'vn index', 'lãi suất', 'ngân hàng', 'tỷ giá', 'xuất khẩu', 'nhập khẩu',
    'doanh nghiệp', 'doanh thu', 'lợi nhuận', 'gdp', 'tăng trưởng kinh tế', 'lạm phát', 'cpi', 'bất động sản', 'fdi', 'ngân sách', 'thuế',
    'xăng dầu', 'giá xăng', 'trái phiếu', 'nhà đầu tư', 'khối ngoại', 'kinh doanh', 'thị trường', 'tiêu dùng', 'giá điện', 'tỷ usd', 'hàng không'
  ],
  'phap-luat': [
    'khởi tố', 'bắt giữ', 'truy tố', 'xét xử', 'bị cáo', 'bị can', 'tòa án', 'tòa', 'án tù', 'tử hình', 'lừa đảo', 'ma túy', 'công an',
    'điều tra', 'xử phạt', 'truy nã', 'chiếm đoạt', 'hối lộ', 'tham ô', 'nghi phạm', 'cướp', 'sát hại',
    'phạm nhân', 'trại giam', 'vi phạm', 'giả mạo', 'đường dây', 'vụ án', 'phiên tòa', 'tạm giam', 'viện kiểm sát', 'luật sư', 'buôn lậu',
    'hàng giả', 'trộm cắp', 'đánh bạc', 'rửa tiền', 'trốn thuế', 'án treo', 'tang vật', 'triệt phá', 'tước giấy phép',
  ],
  'xa-hoi': [
    // Weather and disasters.
    'bão', 'áp thấp nhiệt đới', 'mưa lũ', 'lũ', 'lũ lụt', 'lũ quét', 'ngập lụt', 'ngập úng', 'triều cường', 'sạt lở', 'thiên tai',
    'không khí lạnh', 'nắng nóng', 'rét', 'rét đậm', 'mưa lớn', 'dông lốc', 'lốc xoáy', 'mưa đá', 'hạn hán', 'xâm nhập mặn', 'thời tiết',
    'khí tượng', 'nhiệt độ', 'sơ tán', 'cứu hộ', 'cứu nạn', 'mất tích', 'đuối nước',
    // Traffic (the section map files "Giao thông" here too) and fires.
    'tai nạn', 'tai nạn giao thông', 'va chạm', 'tử vong', 'thiệt mạng', 'giao thông', 'ùn tắc', 'kẹt xe', 'xe khách', 'xe tải', 'xe container',
    'xe máy', 'đường sắt', 'tàu hỏa', 'metro', 'xe buýt', 'quốc lộ', 'cao tốc', 'bằng lái', 'giấy phép lái xe', 'đăng kiểm', 'nồng độ cồn',
    'đám cháy', 'vụ cháy', 'cháy nhà', 'hỏa hoạn', 'chữa cháy', 'phòng cháy',
    // Labour, welfare, housing and urban life.
    'công nhân', 'người lao động', 'lao động', 'việc làm', 'thất nghiệp', 'lương hưu', 'lương tối thiểu', 'tăng lương', 'thưởng tết', 'trợ cấp',
    'bảo hiểm xã hội', 'bảo hiểm thất nghiệp', 'an sinh', 'hộ nghèo', 'giảm nghèo', 'cứu trợ', 'từ thiện', 'người khuyết tật', 'người cao tuổi',
    'trẻ em', 'dân tộc thiểu số', 'nhà ở xã hội', 'chung cư cũ', 'tái định cư', 'giải phóng mặt bằng', 'vỉa hè', 'cây xanh', 'đô thị',
    'nước sạch', 'mất nước', 'mất điện', 'cắt điện', 'ô nhiễm', 'bụi mịn', 'chất lượng không khí', 'rác thải', 'môi trường', 'nghỉ tết',
    'nghỉ lễ', 'người dân', 'dân sinh',
  ],
  'the-gioi': [
    'nga', 'ukraine', 'mỹ', 'trung quốc', 'israel', 'hamas', 'gaza', 'nhật bản', 'hàn quốc', 'triều tiên', 'liên minh châu âu', 'eu', 'tổng thống',
    'nato', 'liên hợp quốc', 'thổ nhĩ kỳ', 'ấn độ', 'pháp', 'đức', 'indonesia', 'philippines', 'australia', 'iran', 'opec', 'washington', 'moskva',
    'bắc kinh', 'kiev', 'trừng phạt', 'ngừng bắn', 'động đất', 'asean', 'điện kremlin', 'nhà trắng', 'lầu năm góc', 'thượng đỉnh',
    'tên lửa', 'hạt nhân', 'xung đột', 'biểu tình', 'trung đông', 'châu âu', 'châu phi', 'syria', 'ai cập', 'đài loan', 'canada', 'brazil',
    'anh quốc', 'london', 'paris', 'berlin', 'tokyo', 'seoul', 'liên bang', 'quốc tế',
  ],
  'giao-duc': [
    'học sinh', 'sinh viên', 'giáo viên', 'nhà giáo', 'trường học', 'đại học', 'tuyển sinh', 'tốt nghiệp thpt', 'thpt', 'học phí',
    'sách giáo khoa', 'bộ giáo dục', 'giáo dục', 'mầm non', 'tiểu học', 'lớp 10', 'học bổng', 'du học', 'điểm chuẩn', 'kỳ thi', 'thầy cô',
    'học trò', 'dạy thêm', 'giảng dạy', 'năm học', 'xét tuyển', 'đề thi', 
  ],
  'suc-khoe': [
    'bệnh viện', 'bác sĩ', 'bệnh nhân', 'bộ y tế', 'y tế', 'sốt xuất huyết', 'cúm', 'vaccine', 'tiêm chủng', 'ung thư', 'ngộ độc', 'thuốc',
    'phẫu thuật', 'ghép', 'đột quỵ', 'dịch bệnh', 'ca mắc', 'nhập viện', 'điều trị', 'sức khỏe', 'dinh dưỡng', 'bảo hiểm y tế', 'huyết áp',
    'tiểu đường', 'bệnh', 'tim mạch', 
  ],
  'van-hoa': [
    'phim', 'điện ảnh', 'ca sĩ', 'nghệ sĩ', 'âm nhạc', 'liveshow', 'di sản', 'unesco', 'lễ hội', 'văn hóa', 'bảo tàng', 'triển lãm', 'nhà văn',
    'tiểu thuyết', 'hoa hậu', 'sân khấu', 'nhà hát', 'du lịch', 'nghệ thuật', 'album', 'cải lương', 'ca trù', 'tranh', 'đạo diễn',
    'phòng vé', 'bảo vật quốc gia', 'văn học', 'hòa nhạc'
  ],
  'the-thao': [
    'bóng đá', 'đội tuyển', 'v league', 'cầu thủ', 'huấn luyện viên', 'hlv', 'sea games', 'vô địch', 'ngoại hạng anh', 'champions league',
    'world cup', 'aff cup', 'asian cup', 'clb', 'tỷ số', 'vận động viên', 'quần vợt', 'cầu lông', 'bóng chuyền', 'bóng rổ', 'marathon', 'futsal',
    'huy chương', 'vòng loại', 'derby', 'chung kết', 'bán kết', 'boxing', 'golf', 'f1', 'u23'
  ],
  'cong-nghe': [
    'công nghệ', 'trí tuệ nhân tạo', 'ai', 'smartphone', 'điện thoại', 'iphone', 'samsung', 'apple', 'google', '5g', 'internet', 'chip',
    'bán dẫn', 'phần mềm', 'ứng dụng', 'mạng xã hội', 'an ninh mạng', 'mã độc', 'dữ liệu', 'startup', 'deepfake', 'vệ tinh', 'game', 'chuyển đổi số',
    'tin tặc', 'windows', 'microsoft', 'openai', 'nhà mạng', 'thuê bao', 'xe điện',
  ],
};

/**
 * Longer words that contain a single-syllable keyword but mean something else: a keyword hit inside one of them
 * does not count ("pháp" in "biện pháp" is not France, "mỹ" in "mỹ phẩm" not America, "tòa" in "tòa nhà" not a court).
 */
export const NON_KEYWORD_COMPOUNDS: string[] = [
  'giải pháp', 'biện pháp', 'phương pháp', 'hợp pháp', 'bất hợp pháp', 'tư pháp', 'hiến pháp', 'pháp luật', 'pháp lý', 'pháp nhân',
  'pháp chế', 'pháp y', 'pháp quyền', 'mỹ phẩm', 'mỹ thuật', 'thẩm mỹ', 'mỹ nghệ', 'mỹ nhân', 'mỹ mãn', 'hoàn mỹ', 'đạo đức', 'phúc đức',
  'tranh chấp', 'cạnh tranh', 'đấu tranh', 'chiến tranh', 'tranh luận', 'tranh cãi', 'tranh thủ', 'tranh giành', 'tranh cử', 'tranh tài',
  'tòa nhà', 'tòa soạn', 'tòa tháp', 'ai cập', 'bão giá', 'lũ trẻ',
];
